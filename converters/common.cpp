#include "converters/common.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"

namespace postport {

Document begin_document(std::string_view& bytes, std::string path, std::string display_path) {
    check_article_text(bytes, display_path);
    Document document;
    document.path = std::move(path);
    document.display_path = std::move(display_path);
    if (bytes.substr(0, utf8_bom.size()) == utf8_bom) {
        document.bom = true;
        bytes.remove_prefix(utf8_bom.size());
    }
    return document;
}

std::size_t find_json_end(std::string_view text, std::size_t open) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = open; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

Value* rename_field(Document& document, std::string_view from, std::string_view to,
                    Warnings& warnings) {
    if (from == to) return document.front_matter.find(from);
    Table& table = document.front_matter;
    if (!table.find(from)) return nullptr;
    if (table.find(to)) {
        warnings.add(WarningKind::FieldNotMapped, front_matter_location(document, table.find(from)),
                     "'" + std::string(from) + "' would become '" + std::string(to) +
                         "', which the front matter already has; kept as '" + std::string(from) + "'");
        return nullptr;
    }
    // A key postport added stays listed as added under its new name.
    std::replace(document.added_keys.begin(), document.added_keys.end(), std::string(from), std::string(to));
    for (auto& entry : table) {
        if (entry.key == from) {
            entry.key = std::string(to);
            return &entry.value;
        }
    }
    return nullptr;
}

std::optional<Date> date_of(const Value& value) {
    if (value.is_datetime()) return value.as_datetime().date;
    if (!value.is_string() || value.as_string().size() < 10) return std::nullopt;
    auto parsed = parse_datetime(std::string_view(value.as_string()).substr(0, 10));
    if (!parsed) return std::nullopt;
    return parsed->date;
}

std::string format_date(const Date& date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buffer;
}

std::string output_slug(const Document& document) {
    if (!document.slug.empty()) return document.slug;
    const Value* title = document.front_matter.find("title");
    std::string slug = title && title->is_string() ? slugify(title->as_string()) : std::string();
    return slug.empty() ? std::string("untitled") : slug;
}

SourceLocation front_matter_location(const Document& document, const Value* value) {
    int line = value && value->line() > 0 ? value->line() : document.front_matter_line;
    return SourceLocation{document.display_path, line, 0};
}

std::string assemble_file(const Document& document, std::string_view data,
                          std::string_view delimiter) {
    std::string front_matter;
    if (!delimiter.empty()) {
        front_matter.append(delimiter).append("\n").append(data).append(delimiter).append("\n");
    } else {
        front_matter = data;
    }
    if (document.crlf) front_matter = to_crlf(front_matter);
    std::string out;
    out.reserve(front_matter.size() + document.body.size() + 3);
    if (document.bom) out += utf8_bom;
    out += front_matter;
    out += document.body;
    return out;
}

}  // namespace postport
