// Typed JSON: a typed, ordered Table/Value (core/value.h) as JSON and back,
// losing nothing, for formats that carry front matter inside JSON (postport's
// own `json` platform, Ghost's posts_meta).
//
// What JSON says natively is written natively, so that any JSON tool can use
// the data as it is:
//
//   null, bool, string        JSON null, true/false, string
//   integer, |i| <= 2^53 - 1  a number without fraction or exponent (every
//                             double-based reader, JavaScript included, reads
//                             it exactly)
//   finite float except -0.0  a number in its shortest round-trip spelling,
//                             always with a '.' or an exponent: 1.0 is "1.0",
//                             read back as a float, never as the integer 1
//   array                     a JSON array
//   table                     a JSON object, keys in order
//
// Everything else is a type tag, an object with exactly two members, in this
// order:
//
//   {"$type": TYPE, "$value": VALUE}
//
//   TYPE              VALUE                                 for
//   "integer"         decimal text: "9007199254740993"      integers beyond 2^53 - 1
//   "float"           "inf", "-inf", "nan", "-0.0"          what JSON has no number for
//   "datetime"        RFC 3339 text exactly as written:     offset date-times
//                     "1979-05-27 07:32:00.500+01:00" (separator, fraction
//                     digits and offset spelling "Z"/"+00:00"/"+0000" kept)
//   "datetime-local"  "1979-05-27T07:32:00"                 local date-times
//   "date-local"      "1979-05-27"                          local dates
//   "time-local"      "07:32:00.25"                         local times
//   "table"           a JSON object, read as a plain table  a table that has a
//                     (its members decoded as usual, the    "$type" key itself: the
//                     object itself never taken for a tag)  escape for user data
//
// So an object with a "$type" member is always a tag, and any other object is
// always a table: no value can be taken for another. Readers accept
// "integer" and "float" tags for any value of the type (a tool may tag what
// did not need it), but a tag with other members, an unknown TYPE or a VALUE
// that is not of TYPE is an error, as is a number beyond 64-bit integers.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "core/value.h"

namespace postport {

using OrderedJson = nlohmann::ordered_json;

inline constexpr std::string_view type_tag_key = "$type";
inline constexpr std::string_view type_tag_value = "$value";

// A JSON value that is not a typed value: where (a JSON Pointer from the
// decoded value, "/date/0") and why.
class TypedJsonError : public std::runtime_error {
public:
    TypedJsonError(std::string pointer, const std::string& reason);
    [[nodiscard]] const std::string& pointer() const { return pointer_; }
    [[nodiscard]] const std::string& reason() const { return reason_; }

private:
    std::string pointer_;
    std::string reason_;
};

OrderedJson to_typed_json(const Value& value);
// Always an object.
OrderedJson to_typed_json(const Table& table);

// Throw TypedJsonError; `pointer` is prefixed to the pointers of errors.
Value value_from_typed_json(const OrderedJson& json, const std::string& pointer = {});
Table table_from_typed_json(const OrderedJson& object, const std::string& pointer = {});

// Compact JSON text (one line, no trailing newline); non-ASCII stays UTF-8.
// Throws std::invalid_argument for strings that are not valid UTF-8.
std::string dump_json(const OrderedJson& json);

// Parses one JSON text. Syntax errors are ParseError at their line and column
// in the file `text` starts in (`origin`, as for the front matter codecs).
OrderedJson parse_json_text(std::string_view text, const SourceLocation& origin);
// The reason an nlohmann error message gives, without its id and its
// position in the text (ParseError carries the position in the file).
std::string json_error_reason(std::string_view what);
// Where byte `offset` of `text` is in the file that starts at `origin`.
SourceLocation json_location(std::string_view text, std::size_t offset, const SourceLocation& origin);
// Where the first byte that is not white space is (for errors about a whole value).
SourceLocation json_start_location(std::string_view text, const SourceLocation& origin);
// A JSON Pointer one step down: "/a" + "b/c" -> "/a/b~1c".
std::string json_pointer_append(const std::string& pointer, std::string_view token);

}  // namespace postport
