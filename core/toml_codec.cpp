// TOML front matter. toml++ does the parsing; this file gives back what its
// tree forgets (tables are sorted maps, date-times are normalised to
// nanoseconds) by going back to the source text, and writes canonical TOML
// that reads back to the same tree in the same order.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "core/codecs.h"

namespace postport {

namespace {

// ---------------------------------------------------------------------------
// Reading

// Bytes in the UTF-8 sequence led by `lead` (1 for stray continuation bytes,
// so a broken sequence still moves forward).
std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

// toml++ positions are 1-based lines and columns counted in code points (it
// skips a BOM without counting it); the rest of the project and the source
// text itself work in bytes. This maps one to the other.
class SourceIndex {
public:
    explicit SourceIndex(std::string_view text) : text_(text) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') line_starts_.push_back(i + 1);
        if (text.starts_with("\xEF\xBB\xBF")) bom_length_ = 3;
    }

    // Byte offset of a position, clamped to the text.
    [[nodiscard]] std::size_t offset_of(const toml::source_position& pos) const {
        return walk(pos).first;
    }

    // 1-based byte column of a position. Positions past the end of a line
    // (toml++ reports errors at EOF one past the last character) count one
    // byte per missing column.
    [[nodiscard]] int byte_column(const toml::source_position& pos) const {
        if (pos.line == 0 || pos.line > line_starts_.size()) return std::max(1, as_int(pos.column));
        auto [offset, missing] = walk(pos);
        return as_int(offset - line_starts_[pos.line - 1] + missing + 1);
    }

private:
    static int as_int(std::size_t n) { return static_cast<int>(std::min<std::size_t>(n, 1u << 30)); }

    // Walks `pos.column - 1` code points from the start of `pos.line`; returns
    // the byte offset reached and how many columns were left when the line ended.
    [[nodiscard]] std::pair<std::size_t, std::size_t> walk(const toml::source_position& pos) const {
        if (pos.line == 0) return {0, 0};
        if (pos.line > line_starts_.size()) return {text_.size(), 0};
        std::size_t i = line_starts_[pos.line - 1];
        if (pos.line == 1) i = std::min(bom_length_, text_.size());
        std::size_t column = 1;
        while (column < pos.column && i < text_.size() && text_[i] != '\n') {
            i = std::min(text_.size(), i + utf8_sequence_length(static_cast<unsigned char>(text_[i])));
            ++column;
        }
        std::size_t missing = pos.column > column ? pos.column - column : 0;
        return {i, missing};
    }

    std::string_view text_;
    std::vector<std::size_t> line_starts_;
    std::size_t bom_length_ = 0;
};

// Where toml++'s line/column lands in the file, given where the text starts.
SourceLocation file_location(const SourceLocation& origin, int line, int column) {
    int base_line = std::max(1, origin.line);
    int base_column = std::max(1, origin.column);
    return SourceLocation{origin.path, base_line + line - 1,
                          line == 1 ? column + base_column - 1 : column};
}

// Builds the DateTime from toml++'s parsed parts; only used if the source text
// cannot be read back exactly, which would mean toml++ accepted a form that
// parse_datetime does not know.
Time time_from(const toml::time& t) {
    Time time{t.hour, t.minute, t.second, {}};
    if (t.nanosecond != 0) {
        char digits[16];
        std::snprintf(digits, sizeof digits, "%09u", static_cast<unsigned>(t.nanosecond));
        time.fraction = digits;
        while (time.fraction.ends_with('0')) time.fraction.pop_back();
    }
    return time;
}

Date date_from(const toml::date& d) { return Date{d.year, d.month, d.day}; }

DateTime datetime_from_node(const toml::node& node) {
    DateTime dt;
    if (const auto* date = node.as_date()) {
        dt.date = date_from(date->get());
    } else if (const auto* time = node.as_time()) {
        dt.time = time_from(time->get());
    } else if (const auto* date_time = node.as_date_time()) {
        const toml::date_time& value = date_time->get();
        dt.date = date_from(value.date);
        dt.time = time_from(value.time);
        if (value.offset) dt.offset = UtcOffset{value.offset->minutes, UtcOffset::Style::Colon};
    }
    return dt;
}

// Turns a toml++ tree into a Table in source order, with file lines.
class TomlReader {
public:
    TomlReader(std::string_view text, const SourceLocation& origin)
        : text_(text), index_(text), first_line_(std::max(1, origin.line)) {}

    [[nodiscard]] Table read_table(const toml::table& table) const {
        // toml++ keeps keys sorted; each key remembers where it first appeared
        // (for implicit tables too: `[a.b]` or `a.b = 1` record `a` there), so
        // sorting by that position restores the author's order.
        std::vector<std::pair<const toml::key*, const toml::node*>> entries;
        for (auto&& [key, node] : table) entries.emplace_back(&key, &node);
        std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            return a.first->source().begin < b.first->source().begin;
        });
        Table out;
        for (const auto& [key, node] : entries) {
            Value value = read_node(*node);
            // The key's line is where a reader looks for the field.
            if (key->source().begin.line != 0) value.set_line(file_line(key->source().begin.line));
            out.set(std::string(key->str()), std::move(value));
        }
        return out;
    }

private:
    [[nodiscard]] Value read_node(const toml::node& node) const {
        Value value = read_contents(node);
        if (node.source().begin.line != 0) value.set_line(file_line(node.source().begin.line));
        return value;
    }

    [[nodiscard]] Value read_contents(const toml::node& node) const {
        switch (node.type()) {
            case toml::node_type::table: return read_table(*node.as_table());
            case toml::node_type::array: {
                Array array;
                for (const toml::node& element : *node.as_array()) array.push_back(read_node(element));
                return array;
            }
            case toml::node_type::string: return std::string(node.as_string()->get());
            case toml::node_type::integer: return static_cast<std::int64_t>(node.as_integer()->get());
            case toml::node_type::floating_point: return node.as_floating_point()->get();
            case toml::node_type::boolean: return node.as_boolean()->get();
            case toml::node_type::date:
            case toml::node_type::time:
            case toml::node_type::date_time: return exact_datetime(node);
            case toml::node_type::none: break;
        }
        return Value();
    }

    // toml++ keeps nanoseconds, which forgets "0.5" vs "0.500", "Z" vs
    // "+00:00" and 'T' vs ' '; the source text has them all.
    [[nodiscard]] DateTime exact_datetime(const toml::node& node) const {
        std::size_t begin = index_.offset_of(node.source().begin);
        std::size_t end = std::max(begin, index_.offset_of(node.source().end));
        std::string_view written = text_.substr(begin, end - begin);
        while (!written.empty() && (written.back() == ' ' || written.back() == '\t' ||
                                    written.back() == '\r' || written.back() == '\n'))
            written.remove_suffix(1);
        if (auto exact = parse_datetime(written)) return *exact;
        return datetime_from_node(node);
    }

    [[nodiscard]] int file_line(toml::source_index line) const {
        return first_line_ + static_cast<int>(line) - 1;
    }

    std::string_view text_;
    SourceIndex index_;
    int first_line_;
};

// ---------------------------------------------------------------------------
// Writing

bool is_bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

// Escapes for a basic string. In a multi-line string a newline stays a real
// line break; everything else is escaped the same way in both forms.
void append_escaped(std::string& out, std::string_view text, bool keep_newlines) {
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\f': out += "\\f"; break;
            // A raw CR could be read as part of a CRLF line break and dropped.
            case '\r': out += "\\r"; break;
            case '\n': out += keep_newlines ? "\n" : "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04X", static_cast<unsigned>(c));
                    out += escape;
                } else {
                    out += c;
                }
        }
    }
}

std::string basic_string(std::string_view text) {
    std::string out = "\"";
    append_escaped(out, text, false);
    out += '"';
    return out;
}

// Text with line breaks reads better as a multi-line string. Every quote is
// escaped, so no run of three can end it early, and a newline right after the
// opening delimiter (which TOML drops) is put there on purpose.
std::string multi_line_string(std::string_view text) {
    std::string out = "\"\"\"\n";
    append_escaped(out, text, true);
    out += "\"\"\"";
    return out;
}

std::string toml_key(std::string_view key) { return is_bare_key(key) ? std::string(key) : basic_string(key); }

std::string toml_float(double number) {
    if (std::isnan(number)) return "nan";
    if (std::isinf(number)) return number < 0 ? "-inf" : "inf";
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    std::string text(buffer, end);
    // "1" would read back as an integer.
    if (text.find_first_of(".eE") == std::string::npos) text += ".0";
    return text;
}

std::string toml_datetime(const DateTime& dt) {
    // TOML has no time with an offset and no empty date-time.
    if ((dt.offset && !dt.date) || (!dt.date && !dt.time))
        throw std::invalid_argument("date-time value has no TOML form: " + format_datetime(dt));
    // TOML only knows offsets with a colon: "+0530" is written "+05:30",
    // the same instant in the one spelling TOML readers accept.
    if (dt.offset && dt.offset->style == UtcOffset::Style::NoColon) {
        DateTime spelled = dt;
        spelled.offset->style = UtcOffset::Style::Colon;
        return format_datetime(spelled);
    }
    return format_datetime(dt);
}

bool is_array_of_tables(const Value& value) {
    return value.is_array() && !value.as_array().empty() &&
           std::all_of(value.as_array().begin(), value.as_array().end(),
                       [](const Value& v) { return v.is_table(); });
}

bool writable_as_section(const Value& value) { return value.is_table() || is_array_of_tables(value); }

// Once a `[header]` is written, every later key belongs to it. So only the
// trailing run of tables and arrays of tables can become sections; anything
// before the last plain value is written inline, which keeps the order.
std::size_t first_section_index(const Table& table) {
    std::size_t first = table.size();
    auto it = table.end();
    while (it != table.begin() && writable_as_section(std::prev(it)->value)) {
        --it;
        --first;
    }
    return first;
}

void require_unique_keys(const Table& table) {
    std::set<std::string_view> seen;
    for (const auto& entry : table)
        if (!seen.insert(entry.key).second)
            throw std::invalid_argument("duplicate key in table: " + entry.key);
}

// Dotted keys and headers nest tables without limit, but the writer may have
// to spell a nested table inline, and TOML readers limit inline nesting
// (toml++ at 256 levels): deeper values are refused when read.
constexpr int max_toml_nesting = 100;

// Whether a value holds tables or arrays nested more than `levels` deep.
bool nested_deeper(const Value& value, int levels) {
    if (!value.is_table() && !value.is_array()) return false;
    if (levels == 0) return true;
    if (value.is_array())
        return std::any_of(value.as_array().begin(), value.as_array().end(),
                           [&](const Value& element) { return nested_deeper(element, levels - 1); });
    return std::any_of(value.as_table().begin(), value.as_table().end(),
                       [&](const Table::Entry& entry) { return nested_deeper(entry.value, levels - 1); });
}

class TomlWriter {
public:
    std::string write(const Table& table) {
        write_body(table, "");
        return std::move(out_);
    }

private:
    void write_body(const Table& table, const std::string& path) {
        require_unique_keys(table);
        std::size_t first_section = first_section_index(table);
        std::size_t position = 0;
        for (const auto& [key, value] : table) {
            if (position++ < first_section) {
                out_ += toml_key(key) + " = " + value_text(value, true) + "\n";
                continue;
            }
            std::string child = path.empty() ? toml_key(key) : path + "." + toml_key(key);
            if (value.is_table()) {
                write_header("[" + child + "]");
                write_body(value.as_table(), child);
            } else {
                for (const Value& element : value.as_array()) {
                    write_header("[[" + child + "]]");
                    write_body(element.as_table(), child);
                }
            }
        }
    }

    void write_header(const std::string& header) {
        if (!out_.empty()) out_ += '\n';
        out_ += header + "\n";
    }

    // `top_level`: the value ends its own `key = ` line, so a multi-line string
    // is fine there; inside inline tables it would only confuse readers.
    static std::string value_text(const Value& value, bool top_level) {
        switch (value.type()) {
            case ValueType::Null:
                throw std::invalid_argument("TOML has no null; lower the table first");
            case ValueType::Bool: return value.as_bool() ? "true" : "false";
            case ValueType::Integer: return std::to_string(value.as_integer());
            case ValueType::Float: return toml_float(value.as_float());
            case ValueType::String:
                return top_level && value.as_string().find('\n') != std::string::npos
                           ? multi_line_string(value.as_string())
                           : basic_string(value.as_string());
            case ValueType::OffsetDateTime:
            case ValueType::LocalDateTime:
            case ValueType::LocalDate:
            case ValueType::LocalTime: return toml_datetime(value.as_datetime());
            case ValueType::Array: return inline_array(value.as_array());
            case ValueType::Table: return inline_table(value.as_table());
        }
        throw std::invalid_argument("unknown value type");
    }

    static std::string inline_array(const Array& array) {
        std::string out = "[";
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (i > 0) out += ", ";
            out += value_text(array[i], false);
        }
        return out + "]";
    }

    static std::string inline_table(const Table& table) {
        if (table.empty()) return "{}";
        require_unique_keys(table);
        std::string out = "{ ";
        bool first = true;
        for (const auto& [key, value] : table) {
            if (!first) out += ", ";
            first = false;
            out += toml_key(key) + " = " + value_text(value, false);
        }
        return out + " }";
    }

    std::string out_;
};

}  // namespace

Table parse_toml(std::string_view text, const SourceLocation& origin) {
    toml::table root;
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error& error) {
        const toml::source_position& at = error.source().begin;
        SourceIndex index(text);
        throw ParseError(
            file_location(origin, std::max(1, static_cast<int>(at.line)), index.byte_column(at)),
            std::string(error.description()));
    }
    Table table = TomlReader(text, origin).read_table(root);
    for (const auto& entry : table)
        if (nested_deeper(entry.value, max_toml_nesting))
            throw ParseError(file_location(origin, std::max(1, entry.value.line()), 1),
                             "'" + entry.key + "' nests tables or arrays more than " +
                                 std::to_string(max_toml_nesting) + " levels deep");
    return table;
}

std::string write_toml(const Table& table) { return TomlWriter().write(table); }

}  // namespace postport
