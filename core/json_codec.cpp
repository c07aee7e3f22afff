// JSON front matter through nlohmann::ordered_json, which keeps keys in
// document order (plain nlohmann::json would sort them).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/codecs.h"
#include "core/text.h"
#include "core/typed_json.h"

namespace postport {

namespace {

using Json = OrderedJson;

// Deeper documents are not front matter; the limit keeps the recursive
// conversion below from exhausting the stack on hostile input.
constexpr int max_nesting = 512;

class JsonReader {
public:
    JsonReader(std::string_view text, const SourceLocation& origin) : text_(text), origin_(origin) {}

    [[nodiscard]] Table read_object(const Json& object, int depth) const {
        Table table;
        for (const auto& [key, value] : object.items()) table.set(key, read_value(value, depth + 1));
        return table;
    }

private:
    [[nodiscard]] Value read_value(const Json& json, int depth) const {
        if (depth > max_nesting)
            throw ParseError(json_start_location(text_, origin_),
                             "JSON nested deeper than " + std::to_string(max_nesting) + " levels");
        switch (json.type()) {
            case Json::value_t::null: return Value();
            case Json::value_t::boolean: return json.get<bool>();
            case Json::value_t::number_integer: return json.get<std::int64_t>();
            case Json::value_t::number_unsigned: {
                // nlohmann reads every non-negative integer as unsigned.
                auto number = json.get<std::uint64_t>();
                if (number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                    return static_cast<std::int64_t>(number);
                // Beyond int64: a double is what Hugo (float64) reads anyway.
                return static_cast<double>(number);
            }
            case Json::value_t::number_float: return json.get<double>();
            case Json::value_t::string: return json.get<std::string>();
            case Json::value_t::array: {
                Array array;
                array.reserve(json.size());
                for (const Json& element : json) array.push_back(read_value(element, depth + 1));
                return array;
            }
            case Json::value_t::object: return read_object(json, depth);
            case Json::value_t::binary:
            case Json::value_t::discarded: break;  // the text parser makes neither
        }
        return Value();
    }

    std::string_view text_;
    const SourceLocation& origin_;
};

Json to_json(const Value& value);

Json object_from(const Table& table) {
    Json object = Json::object();
    for (const auto& [key, value] : table) {
        // ordered_json would let the later value replace the earlier one.
        if (object.contains(key)) throw std::invalid_argument("duplicate key in table: " + key);
        object[key] = to_json(value);
    }
    return object;
}

Json to_json(const Value& value) {
    switch (value.type()) {
        case ValueType::Null: return nullptr;
        case ValueType::Bool: return value.as_bool();
        case ValueType::Integer: return value.as_integer();
        case ValueType::Float:
            // dump() would print these as null.
            if (!std::isfinite(value.as_float()))
                throw std::invalid_argument("JSON has no inf or nan; lower the table first");
            return value.as_float();
        case ValueType::String: return value.as_string();
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime:
            throw std::invalid_argument("JSON has no date-time values; lower the table first: " +
                                        format_datetime(value.as_datetime()));
        case ValueType::Array: {
            Json array = Json::array();
            for (const Value& element : value.as_array()) array.push_back(to_json(element));
            return array;
        }
        case ValueType::Table: return object_from(value.as_table());
    }
    throw std::invalid_argument("unknown value type");
}

}  // namespace

Table parse_json(std::string_view text, const SourceLocation& origin) {
    const Json document = parse_json_text(text, origin);
    if (!document.is_object())
        throw ParseError(json_start_location(text, origin),
                         "front matter must be a JSON object");
    return JsonReader(text, origin).read_object(document, 0);
}

namespace {

void append_json_string(std::string& out, std::string_view text) {
    if (find_invalid_utf8(text)) throw std::invalid_argument("cannot write JSON: a string is not valid UTF-8");
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text, run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default: {
                constexpr std::string_view hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
            }
        }
    }
    out.append(text, run, text.size() - run);
    out += '"';
}

void append_json_table(std::string& out, const Table& table);

void append_json_value(std::string& out, const Value& value) {
    switch (value.type()) {
        case ValueType::Null: out += "null"; return;
        case ValueType::Bool: out += value.as_bool() ? "true" : "false"; return;
        case ValueType::Integer: out += std::to_string(value.as_integer()); return;
        case ValueType::String: append_json_string(out, value.as_string()); return;
        case ValueType::Array: {
            out += '[';
            bool first = true;
            for (const Value& element : value.as_array()) {
                if (!std::exchange(first, false)) out += ',';
                append_json_value(out, element);
            }
            out += ']';
            return;
        }
        case ValueType::Table: append_json_table(out, value.as_table()); return;
        case ValueType::Float:  // as write_json spells it; date-times throw as there
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime: out += to_json(value).dump(); return;
    }
}

void append_json_table(std::string& out, const Table& table) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : table) {
        if (!std::exchange(first, false)) out += ',';
        if (table.find(key) != &value) throw std::invalid_argument("duplicate key in table: " + key);
        append_json_string(out, key);
        out += ':';
        append_json_value(out, value);
    }
    out += '}';
}

}  // namespace

std::string write_json_line(const Table& table) {
    std::string out;
    append_json_table(out, table);
    return out;
}

std::string write_json(const Table& table) {
    Json document = object_from(table);
    try {
        // Non-ASCII stays UTF-8 as written; invalid UTF-8 is an error, not a
        // silent replacement.
        return document.dump(2, ' ', false, Json::error_handler_t::strict) + "\n";
    } catch (const Json::type_error& error) {
        throw std::invalid_argument(std::string("cannot write JSON: ") + error.what());
    }
}

}  // namespace postport
