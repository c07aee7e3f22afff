#include "core/diagnostics.h"

#include <algorithm>

namespace postport {

std::string format_location(const SourceLocation& where) {
    std::string out = where.path.empty() ? std::string("<stdin>") : where.path;
    if (where.line > 0) {
        out += ':' + std::to_string(where.line);
        if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    return out;
}

std::string_view warning_kind_name(WarningKind kind) {
    switch (kind) {
        case WarningKind::DuplicateKey: return "duplicate-key";
        case WarningKind::UnrepresentableValue: return "unrepresentable-value";
        case WarningKind::TypeChanged: return "type-changed";
        case WarningKind::FieldNotMapped: return "field-not-mapped";
        case WarningKind::AmbiguousYaml: return "ambiguous-yaml";
        case WarningKind::NonStringKey: return "non-string-key";
        case WarningKind::PathChanged: return "path-changed";
        case WarningKind::RoundTripRecord: return "round-trip-record";
        case WarningKind::NotConverted: return "not-converted";
        case WarningKind::MalformedTemplate: return "malformed-template";
        case WarningKind::UnresolvedLink: return "unresolved-link";
        case WarningKind::NeedsPorting: return "needs-porting";
        case WarningKind::UnknownTemplate: return "unknown-template";
    }
    return "?";
}

std::string format_warning(const Warning& warning) {
    return format_location(warning.where) + ": warning: " + warning.message + " [" +
           std::string(warning_kind_name(warning.kind)) + "]";
}

void Warnings::add(WarningKind kind, SourceLocation where, std::string message) {
    warnings_.push_back(Warning{kind, std::move(where), std::move(message)});
}

void Warnings::append(const Warnings& other) {
    warnings_.insert(warnings_.end(), other.warnings_.begin(), other.warnings_.end());
}

ParseError::ParseError(SourceLocation where, const std::string& message)
    : std::runtime_error(format_location(where) + ": " + message),
      where_(std::move(where)),
      message_(message) {}

LineColumn line_column_at(std::string_view text, std::size_t offset) {
    // Columns count bytes, lines "\n" (std::count and rfind run word-wide).
    const std::string_view before = text.substr(0, std::min(offset, text.size()));
    const std::size_t last_break = before.rfind('\n');
    LineColumn at;
    at.line += static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    at.column += static_cast<int>(last_break == std::string_view::npos ? before.size()
                                                                       : before.size() - last_break - 1);
    return at;
}

}  // namespace postport
