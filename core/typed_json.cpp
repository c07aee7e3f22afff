#include "core/typed_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/codecs.h"
#include "core/text.h"

namespace postport {

namespace {

// The largest integer every double-based JSON reader holds exactly
// (JavaScript's Number.MAX_SAFE_INTEGER).
constexpr std::int64_t max_native_integer = (std::int64_t{1} << 53) - 1;

// Deeper values are not front matter; the limit keeps the recursive decoding
// from exhausting the stack on hostile input.
constexpr int max_nesting = 512;

constexpr std::string_view tag_table = "table";

OrderedJson tag(std::string_view type, OrderedJson value) {
    OrderedJson tagged = OrderedJson::object();
    tagged[std::string(type_tag_key)] = std::string(type);
    tagged[std::string(type_tag_value)] = std::move(value);
    return tagged;
}

std::string float_tag_text(double number) {
    if (std::isnan(number)) return "nan";
    if (std::isinf(number)) return number < 0 ? "-inf" : "inf";
    return "-0.0";
}

bool is_native_float(double number) { return std::isfinite(number) && !(number == 0.0 && std::signbit(number)); }

OrderedJson object_of(const Table& table) {
    OrderedJson object = OrderedJson::object();
    for (const auto& [key, value] : table) {
        // An ordered_json object would let a later value replace an earlier one.
        if (object.contains(key)) throw std::invalid_argument("duplicate key in table: " + key);
        object[key] = to_typed_json(value);
    }
    return object;
}

std::string describe(const OrderedJson& json) {
    switch (json.type()) {
        case OrderedJson::value_t::null: return "null";
        case OrderedJson::value_t::boolean: return "a bool";
        case OrderedJson::value_t::number_integer:
        case OrderedJson::value_t::number_unsigned:
        case OrderedJson::value_t::number_float: return "a number";
        case OrderedJson::value_t::string: return "a string";
        case OrderedJson::value_t::array: return "an array";
        case OrderedJson::value_t::object: return "an object";
        case OrderedJson::value_t::binary:
        case OrderedJson::value_t::discarded: break;
    }
    return "an unknown value";
}

class Decoder {
public:
    Value value(const OrderedJson& json, const std::string& pointer, int depth) const {
        if (depth > max_nesting)
            throw TypedJsonError(pointer, "nested deeper than " + std::to_string(max_nesting) + " levels");
        switch (json.type()) {
            case OrderedJson::value_t::null: return Value();
            case OrderedJson::value_t::boolean: return json.get<bool>();
            case OrderedJson::value_t::number_integer: return json.get<std::int64_t>();
            case OrderedJson::value_t::number_unsigned: {
                // nlohmann reads every non-negative integer as unsigned.
                const auto number = json.get<std::uint64_t>();
                if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                    throw TypedJsonError(pointer, "integer beyond 64 bits");
                return static_cast<std::int64_t>(number);
            }
            case OrderedJson::value_t::number_float: return json.get<double>();
            case OrderedJson::value_t::string: return json.get<std::string>();
            case OrderedJson::value_t::array: {
                Array array;
                array.reserve(json.size());
                std::size_t index = 0;
                for (const OrderedJson& element : json)
                    array.push_back(value(element, json_pointer_append(pointer, std::to_string(index++)), depth + 1));
                return array;
            }
            case OrderedJson::value_t::object:
                if (json.contains(std::string(type_tag_key))) return tagged(json, pointer, depth);
                return table(json, pointer, depth);
            case OrderedJson::value_t::binary:
            case OrderedJson::value_t::discarded: break;  // the text parser makes neither
        }
        throw TypedJsonError(pointer, "not a JSON value");
    }

    Table table(const OrderedJson& object, const std::string& pointer, int depth) const {
        Table table;
        for (const auto& [key, member] : object.items())
            table.set(key, value(member, json_pointer_append(pointer, key), depth + 1));
        return table;
    }

private:
    Value tagged(const OrderedJson& object, const std::string& pointer, int depth) const {
        const std::string expected = std::string("a type tag {\"") + std::string(type_tag_key) + "\": TYPE, \"" +
                                     std::string(type_tag_value) + "\": VALUE}";
        const auto type = object.find(std::string(type_tag_key));
        const auto payload = object.find(std::string(type_tag_value));
        if (object.size() != 2 || payload == object.end())
            throw TypedJsonError(pointer, "an object with a \"$type\" member must be " + expected +
                                              " and nothing else (a table with a \"$type\" key of its own is "
                                              "written as {\"$type\": \"table\", \"$value\": {...}})");
        if (!type->is_string())
            throw TypedJsonError(json_pointer_append(pointer, type_tag_key), "expected the type name as a string, found " + describe(*type));
        const std::string& name = type->get_ref<const std::string&>();
        const std::string value_pointer = json_pointer_append(pointer, type_tag_value);
        if (name == tag_table) {
            if (!payload->is_object())
                throw TypedJsonError(value_pointer, "a \"table\" tag holds an object, found " + describe(*payload));
            return table(*payload, value_pointer, depth);
        }
        if (!payload->is_string())
            throw TypedJsonError(value_pointer, "a \"" + name + "\" tag holds its value as a string, found " + describe(*payload));
        const std::string& text = payload->get_ref<const std::string&>();
        if (name == type_name(ValueType::Integer)) {
            if (auto number = parse_whole_number<std::int64_t>(text)) return *number;
            throw TypedJsonError(value_pointer, "expected a 64-bit integer in decimal, found \"" + text + "\"");
        }
        if (name == type_name(ValueType::Float)) {
            if (auto number = float_from_text(text)) return *number;
            throw TypedJsonError(value_pointer, "expected a float (\"inf\", \"-inf\", \"nan\", \"-0.0\" or a decimal number), found \"" + text + "\"");
        }
        for (ValueType kind : {ValueType::OffsetDateTime, ValueType::LocalDateTime, ValueType::LocalDate,
                               ValueType::LocalTime}) {
            if (name != type_name(kind)) continue;
            auto parsed = parse_datetime(text);
            if (!parsed || datetime_type(*parsed) != kind)
                throw TypedJsonError(value_pointer, "expected a " + name + " in RFC 3339 form, found \"" + text + "\"");
            return *parsed;
        }
        throw TypedJsonError(json_pointer_append(pointer, type_tag_key),
                             "unknown type \"" + name +
                                 "\"; expected integer, float, datetime, datetime-local, date-local, time-local or table");
    }

    static std::optional<double> float_from_text(const std::string& text) {
        if (text == "inf" || text == "+inf") return std::numeric_limits<double>::infinity();
        if (text == "-inf") return -std::numeric_limits<double>::infinity();
        if (text == "nan" || text == "+nan" || text == "-nan") return std::numeric_limits<double>::quiet_NaN();
        auto number = parse_whole_number<double>(text);
        if (!number || !std::isfinite(*number)) return std::nullopt;
        return number;
    }
};

}  // namespace

TypedJsonError::TypedJsonError(std::string pointer, const std::string& reason)
    : std::runtime_error((pointer.empty() ? std::string("(top)") : pointer) + ": " + reason),
      pointer_(std::move(pointer)), reason_(reason) {}

OrderedJson to_typed_json(const Value& value) {
    switch (value.type()) {
        case ValueType::Null: return nullptr;
        case ValueType::Bool: return value.as_bool();
        case ValueType::Integer: {
            const std::int64_t number = value.as_integer();
            if (number >= -max_native_integer && number <= max_native_integer) return number;
            return tag(type_name(ValueType::Integer), std::to_string(number));
        }
        case ValueType::Float: {
            const double number = value.as_float();
            if (is_native_float(number)) return number;  // nlohmann prints 1.0 as "1.0"
            return tag(type_name(ValueType::Float), float_tag_text(number));
        }
        case ValueType::String: return value.as_string();
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime: return tag(type_name(value.type()), format_datetime(value.as_datetime()));
        case ValueType::Array: {
            OrderedJson array = OrderedJson::array();
            for (const Value& element : value.as_array()) array.push_back(to_typed_json(element));
            return array;
        }
        case ValueType::Table: return to_typed_json(value.as_table());
    }
    throw std::invalid_argument("unknown value type");
}

OrderedJson to_typed_json(const Table& table) {
    OrderedJson object = object_of(table);
    if (table.find(type_tag_key)) return tag(tag_table, std::move(object));
    return object;
}

Value value_from_typed_json(const OrderedJson& json, const std::string& pointer) {
    return Decoder().value(json, pointer, 0);
}

Table table_from_typed_json(const OrderedJson& object, const std::string& pointer) {
    Value value = value_from_typed_json(object, pointer);
    if (!value.is_table()) throw TypedJsonError(pointer, "expected an object (a table), found " + describe(object));
    return std::move(value.as_table());
}

std::string dump_json(const OrderedJson& json) {
    try {
        // Invalid UTF-8 is an error, not a silent replacement.
        return json.dump(-1, ' ', false, OrderedJson::error_handler_t::strict);
    } catch (const OrderedJson::type_error& error) {
        throw std::invalid_argument("cannot write JSON: " + json_error_reason(error.what()));
    }
}

// nlohmann's message starts with its own id and, for syntax errors, a
// position relative to the text ("[json.exception.parse_error.101] parse error
// at line 1, column 9: "); the ParseError carries the file position instead,
// so keep only the reason.
std::string json_error_reason(std::string_view what) {
    if (what.starts_with('[')) {
        std::size_t id_end = what.find("] ");
        if (id_end != std::string_view::npos) what.remove_prefix(id_end + 2);
    }
    if (what.starts_with("parse error")) {
        std::size_t colon = what.find(": ");
        if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    }
    return std::string(what);
}

SourceLocation json_location(std::string_view text, std::size_t offset, const SourceLocation& origin) {
    LineColumn at = line_column_at(text, offset);
    int base_line = std::max(1, origin.line);
    int base_column = std::max(1, origin.column);
    return SourceLocation{origin.path, base_line + at.line - 1, at.line == 1 ? at.column + base_column - 1 : at.column};
}

OrderedJson parse_json_text(std::string_view text, const SourceLocation& origin) {
    try {
        return OrderedJson::parse(text.begin(), text.end());
    } catch (const OrderedJson::parse_error& error) {
        // `byte` is the 1-based index of the byte the parser stopped at.
        std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        throw ParseError(json_location(text, offset, origin), json_error_reason(error.what()));
    } catch (const OrderedJson::exception& error) {
        // Number overflow and the like carry no position.
        throw ParseError(json_start_location(text, origin), json_error_reason(error.what()));
    }
}

SourceLocation json_start_location(std::string_view text, const SourceLocation& origin) {
    const std::size_t at = text.find_first_not_of(" \t\r\n");
    return json_location(text, at == std::string_view::npos ? text.size() : at, origin);
}

std::string json_pointer_append(const std::string& pointer, std::string_view token) {
    std::string out = pointer + "/";
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

}  // namespace postport
