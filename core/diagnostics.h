// Errors and typed warnings, always tied to a place in a file, printed as
// `path:line:column: severity: message [kind]`.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace postport {

struct SourceLocation {
    std::string path;  // as the user named it; empty for unnamed input
    int line = 0;      // 1-based; 0 = whole file
    int column = 0;    // 1-based; 0 = whole line
};

std::string format_location(const SourceLocation& where);

// Why something could not be carried faithfully. Stable names: they appear in
// reports and users filter on them.
enum class WarningKind {
    DuplicateKey,       // a key given twice; the last value wins, as on both platforms
    UnrepresentableValue,  // the target format has no form for a value (null in TOML)
    TypeChanged,        // a value is written with another type the target reads the same way
    FieldNotMapped,     // a field has no counterpart, or its target key is taken
    AmbiguousYaml,      // a YAML scalar that Hugo versions read differently
    NonStringKey,       // a YAML key that is not a string
    PathChanged,        // an output path had to differ from the natural one
    RoundTripRecord,    // the round-trip record was missing, stale or unreadable
    NotConverted,       // a file that was copied or skipped rather than converted
    MalformedTemplate,  // a template construct the platform would refuse; kept as written
    UnresolvedLink,     // a link to an article the site index does not know; kept as written
    NeedsPorting,       // a template that could not be translated: a stub stands in for it
    UnknownTemplate,    // a template construct with no counterpart (control flow, a plugin tag); kept as written
};

std::string_view warning_kind_name(WarningKind kind);

struct Warning {
    WarningKind kind;
    SourceLocation where;
    std::string message;
};

std::string format_warning(const Warning& warning);

// Collects the warnings of one conversion.
class Warnings {
public:
    void add(WarningKind kind, SourceLocation where, std::string message);
    [[nodiscard]] const std::vector<Warning>& all() const { return warnings_; }
    [[nodiscard]] bool empty() const { return warnings_.empty(); }
    void append(const Warnings& other);

private:
    std::vector<Warning> warnings_;
};

// Bad input: a file that cannot be read as what it claims to be.
class ParseError : public std::runtime_error {
public:
    ParseError(SourceLocation where, const std::string& message);
    [[nodiscard]] const SourceLocation& where() const { return where_; }
    [[nodiscard]] const std::string& message() const { return message_; }

private:
    SourceLocation where_;
    std::string message_;
};

// A file the source platform itself would ignore (a post file name without a
// date, say): reported and skipped, not a failure.
class NotAnArticle : public ParseError {
public:
    using ParseError::ParseError;
};

// 1-based line and column of a byte offset in text (column counts bytes).
struct LineColumn {
    int line = 1;
    int column = 1;
};
LineColumn line_column_at(std::string_view text, std::size_t offset);

}  // namespace postport
