#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "core/codecs.h"
#include "core/typed_json.h"
#include "tests/support/convert.h"

using namespace postport;
using postport::test::datetime;

namespace {

std::string encode(const Value& value) { return dump_json(to_typed_json(value)); }

Value decode(std::string_view text) {
    return value_from_typed_json(parse_json_text(text, SourceLocation{"<test>", 1, 1}));
}

// The error a JSON text gives as a typed value, or "no error".
std::string decode_error(std::string_view text) {
    try {
        decode(text);
    } catch (const TypedJsonError& error) {
        return error.what();
    }
    return "no error";
}

Value round_trip(const Value& value) { return decode(encode(value)); }

}  // namespace

TEST(TypedJson, NativeValuesAreWrittenNatively) {
    EXPECT_EQ(encode(Value()), "null");
    EXPECT_EQ(encode(Value(true)), "true");
    EXPECT_EQ(encode(Value("héllo \"q\"")), "\"héllo \\\"q\\\"\"");
    EXPECT_EQ(encode(Value(42)), "42");
    EXPECT_EQ(encode(Value(std::int64_t{9007199254740991})), "9007199254740991");
    EXPECT_EQ(encode(Value(std::int64_t{-9007199254740991})), "-9007199254740991");
    EXPECT_EQ(encode(Value(1.5)), "1.5");
    EXPECT_EQ(encode(Value(1e300)), "1e+300");
    EXPECT_EQ(encode(Value(Array{Value(1), Value("a")})), "[1,\"a\"]");
}

TEST(TypedJson, FloatsKeepTheirFloatness) {
    // 1.0 must not come back as the integer 1.
    EXPECT_EQ(encode(Value(1.0)), "1.0");
    const Value back = round_trip(Value(1.0));
    ASSERT_TRUE(back.is_float());
    EXPECT_EQ(back.as_float(), 1.0);
    EXPECT_TRUE(round_trip(Value(1)).is_integer());
    for (double number : {0.1, -2.0, 1e-300, 123456789.125, std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::denorm_min()})
        EXPECT_EQ(round_trip(Value(number)), Value(number)) << number;
}

TEST(TypedJson, SpecialFloatsAreTagged) {
    EXPECT_EQ(encode(Value(-0.0)), R"({"$type":"float","$value":"-0.0"})");
    EXPECT_EQ(encode(Value(std::numeric_limits<double>::infinity())), R"({"$type":"float","$value":"inf"})");
    EXPECT_EQ(encode(Value(-std::numeric_limits<double>::infinity())), R"({"$type":"float","$value":"-inf"})");
    EXPECT_EQ(encode(Value(std::numeric_limits<double>::quiet_NaN())), R"({"$type":"float","$value":"nan"})");
    const Value zero = round_trip(Value(-0.0));
    ASSERT_TRUE(zero.is_float());
    EXPECT_TRUE(std::signbit(zero.as_float()));
    EXPECT_TRUE(std::isnan(round_trip(Value(std::numeric_limits<double>::quiet_NaN())).as_float()));
    EXPECT_EQ(round_trip(Value(-std::numeric_limits<double>::infinity())),
              Value(-std::numeric_limits<double>::infinity()));
    // A tool may tag an ordinary float.
    EXPECT_EQ(decode(R"({"$type":"float","$value":"1.0"})"), Value(1.0));
}

TEST(TypedJson, IntegersBeyondDoublePrecisionAreTagged) {
    for (std::int64_t number : {std::int64_t{9007199254740992}, std::int64_t{9007199254740993},
                                std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min(),
                                std::int64_t{-9007199254740992}}) {
        EXPECT_EQ(encode(Value(number)), R"({"$type":"integer","$value":")" + std::to_string(number) + "\"}");
        EXPECT_EQ(round_trip(Value(number)), Value(number));
    }
    // Written natively by another tool, an int64 is still read exactly.
    EXPECT_EQ(decode("9223372036854775807"), Value(std::numeric_limits<std::int64_t>::max()));
}

TEST(TypedJson, DateTimesKeepTheirExactSpelling) {
    const struct {
        const char* text;
        const char* type;
    } cases[] = {
        {"1979-05-27T07:32:00-08:00", "datetime"},
        {"1979-05-27T07:32:00Z", "datetime"},
        {"1979-05-27T07:32:00+00:00", "datetime"},
        {"1979-05-27 07:32:00.500+01:00", "datetime"},
        {"1979-05-27T00:32:00.999999999-07:00", "datetime"},
        {"1979-05-27T07:32:00", "datetime-local"},
        {"1979-05-27T07:32:00.5", "datetime-local"},
        {"1979-05-27", "date-local"},
        {"07:32:00", "time-local"},
        {"00:32:00.250", "time-local"},
    };
    for (const auto& c : cases) {
        const Value value(datetime(c.text));
        EXPECT_EQ(encode(value), std::string(R"({"$type":")") + c.type + R"(","$value":")" + c.text + "\"}");
        const Value back = round_trip(value);
        EXPECT_EQ(back, value) << c.text;
        EXPECT_EQ(format_datetime(back.as_datetime()), c.text);
    }
}

TEST(TypedJson, KeyOrderNestedTablesAndArraysOfTablesSurvive) {
    Table inner;
    inner.set("z", 1);
    inner.set("a", Value(datetime("07:32:00")));
    Table first;
    first.set("name", "one");
    Table second;
    second.set("name", "two");
    second.set("empty", Table());
    Table table;
    table.set("zeta", Value(nullptr));
    table.set("alpha", inner);
    table.set("items", Array{Value(first), Value(second)});
    table.set("nested", Array{Value(Array{}), Value(Array{Value(1.0), Value(nullptr)})});
    table.set("b", false);
    const OrderedJson json = to_typed_json(table);
    EXPECT_EQ(dump_json(json),
              R"({"zeta":null,"alpha":{"z":1,"a":{"$type":"time-local","$value":"07:32:00"}},)"
              R"("items":[{"name":"one"},{"name":"two","empty":{}}],"nested":[[],[1.0,null]],"b":false})");
    EXPECT_EQ(table_from_typed_json(json), table);
    EXPECT_EQ(table_from_typed_json(parse_json_text(dump_json(json), {})), table);
}

TEST(TypedJson, UserObjectsThatLookLikeTagsAreEscaped) {
    Table lookalike;
    lookalike.set("$type", "integer");
    lookalike.set("$value", "5");
    Table table;
    table.set("data", lookalike);
    const std::string text = dump_json(to_typed_json(table));
    EXPECT_EQ(text, R"({"data":{"$type":"table","$value":{"$type":"integer","$value":"5"}}})");
    EXPECT_EQ(table_from_typed_json(parse_json_text(text, {})), table);

    // Even a whole front matter, and a "$type" that is not a string.
    Table odd;
    odd.set("$type", Value(Table()));
    odd.set("x", Value(datetime("2021-01-01")));
    EXPECT_EQ(round_trip(Value(odd)), Value(odd));
    // A key that merely starts with '$' needs no escape.
    Table dollar;
    dollar.set("$types", 1);
    EXPECT_EQ(encode(Value(dollar)), R"({"$types":1})");
}

TEST(TypedJson, MalformedTagsAreErrorsWithTheirPointer) {
    EXPECT_NE(decode_error(R"({"a":[{"$type":"integer"}]})").find("/a/0: an object with a \"$type\" member"),
              std::string::npos);
    EXPECT_NE(decode_error(R"({"$type":"integer","$value":"5","x":1})").find("(top)"), std::string::npos);
    EXPECT_NE(decode_error(R"({"d":{"$type":"date","$value":"2021-01-01"}})").find("/d/$type: unknown type \"date\""),
              std::string::npos);
    EXPECT_NE(decode_error(R"({"d":{"$type":"date-local","$value":"2021-01-01T00:00:00"}})")
                  .find("/d/$value: expected a date-local"),
              std::string::npos);
    EXPECT_NE(decode_error(R"({"n":{"$type":"integer","$value":5}})").find("/n/$value: a \"integer\" tag holds its value as a string"),
              std::string::npos);
    EXPECT_NE(decode_error(R"({"n":{"$type":"integer","$value":"99999999999999999999"}})").find("expected a 64-bit integer"),
              std::string::npos);
    EXPECT_NE(decode_error(R"({"n":{"$type":"float","$value":"infinity!"}})").find("expected a float"),
              std::string::npos);
    EXPECT_NE(decode_error(R"({"t":{"$type":"table","$value":[1]}})").find("holds an object"), std::string::npos);
    EXPECT_NE(decode_error(R"({"t":{"$type":5,"$value":"x"}})").find("/t/$type"), std::string::npos);
    EXPECT_NE(decode_error(R"({"a~b/c":18446744073709551615})").find("/a~0b~1c: integer beyond 64 bits"),
              std::string::npos);
    EXPECT_EQ(decode_error(R"({"ok":{"$type":"time-local","$value":"07:32:00"}})"), "no error");
}

TEST(TypedJson, DeepNestingIsAnErrorNotACrash) {
    std::string deep;
    for (int i = 0; i < 2000; ++i) deep += "[";
    for (int i = 0; i < 2000; ++i) deep += "]";
    EXPECT_NE(decode_error(deep).find("nested deeper"), std::string::npos);
}

TEST(TypedJson, InvalidUtf8CannotBeWritten) {
    EXPECT_THROW(dump_json(to_typed_json(Value(std::string("\xff")))), std::invalid_argument);
}

TEST(TypedJson, SyntaxErrorsHaveTheirFilePosition) {
    try {
        parse_json_text("{\n  \"a\": tru\n}", SourceLocation{"post.json", 3, 1});
        FAIL() << "no error";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().path, "post.json");
        EXPECT_EQ(error.where().line, 4);
        EXPECT_GT(error.where().column, 1);
    }
}
