// JSON front matter through nlohmann::ordered_json, which keeps keys in
// document order (plain nlohmann::json would sort them).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/codecs.h"
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
