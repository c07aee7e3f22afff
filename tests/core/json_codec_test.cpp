#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/codecs.h"
#include "core/value.h"

using namespace postport;

namespace {

const SourceLocation start_of_file{"content/post.md", 1, 1};

Table json(std::string_view text) { return parse_json(text, start_of_file); }

std::vector<std::string> keys(const Table& table) {
    std::vector<std::string> out;
    for (const auto& entry : table) out.push_back(entry.key);
    return out;
}

using Keys = std::vector<std::string>;

std::string json_error(std::string_view text, const SourceLocation& origin) {
    try {
        parse_json(text, origin);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST(JsonParse, ReadsEveryValueType) {
    Table t = json(R"({"s": "text", "i": 42, "f": 1.5, "one": 1.0, "b": true, "n": null,
                      "a": [1, "x", false], "o": {"k": "v"}})");
    EXPECT_EQ(keys(t), (Keys{"s", "i", "f", "one", "b", "n", "a", "o"}));
    EXPECT_EQ(*t.find("s"), Value("text"));
    EXPECT_EQ(*t.find("i"), Value(42));
    EXPECT_EQ(*t.find("f"), Value(1.5));
    EXPECT_EQ(*t.find("one"), Value(1.0));
    EXPECT_TRUE(t.find("one")->is_float());
    EXPECT_EQ(*t.find("b"), Value(true));
    EXPECT_TRUE(t.find("n")->is_null());
    EXPECT_EQ(*t.find("a"), Value(Array{1, "x", false}));
    Table o;
    o.set("k", "v");
    EXPECT_EQ(*t.find("o"), Value(o));
}

TEST(JsonParse, KeepsKeyOrderAtEveryLevel) {
    Table t = json(R"({"zeta": 1, "alpha": {"y": 1, "b": 2}, "list": [{"z": 1, "a": 2}], "mid": 3})");
    EXPECT_EQ(keys(t), (Keys{"zeta", "alpha", "list", "mid"}));
    EXPECT_EQ(keys(t.find("alpha")->as_table()), (Keys{"y", "b"}));
    EXPECT_EQ(keys(t.find("list")->as_array()[0].as_table()), (Keys{"z", "a"}));
}

TEST(JsonParse, NumbersKeepTheirKind) {
    Table t = json(R"({"max": 9223372036854775807, "min": -9223372036854775808, "one": 1.0, "int": 1,
                      "negzero": -0.0, "big": 1e300, "huge": 18446744073709551615})");
    EXPECT_EQ(t.find("max")->as_integer(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(t.find("min")->as_integer(), std::numeric_limits<std::int64_t>::min());
    EXPECT_TRUE(t.find("one")->is_float());
    EXPECT_TRUE(t.find("int")->is_integer());
    EXPECT_EQ(*t.find("negzero"), Value(-0.0));
    EXPECT_EQ(t.find("big")->as_float(), 1e300);
    // Past int64: a double, as Hugo's float64 reads it.
    EXPECT_EQ(t.find("huge")->as_float(), 18446744073709551615.0);
}

TEST(JsonParse, DuplicateKeyLastValueWinsInFirstPlace) {
    Table t = json(R"({"a": 1, "b": 2, "a": 3})");
    EXPECT_EQ(keys(t), (Keys{"a", "b"}));
    EXPECT_EQ(*t.find("a"), Value(3));
}

TEST(JsonParse, KeepsUtf8) {
    Table t = json(R"({"título": "日本語 \u00e9"})");
    EXPECT_EQ(*t.find("título"), Value("日本語 é"));
}

TEST(JsonParse, ErrorsPointAtTheFileLineAndColumn) {
    const SourceLocation third_line{"content/post.md", 3, 1};
    EXPECT_EQ(json_error("{\"a\": 1} x", third_line),
              "content/post.md:3:10: syntax error while parsing value - invalid literal; last "
              "read: '1} x'; expected end of input");
    // The failing byte is on the second line of the text, the 4th of the file.
    EXPECT_EQ(json_error("{\n  \"a\": 1,\n  \"b\": @\n}", third_line).rfind("content/post.md:5:8: ", 0),
              0u);
    // Columns count bytes, and the origin column applies on the first line only.
    EXPECT_EQ(json_error("{\"é\": \"é\" x}", SourceLocation{"p.md", 2, 5}).rfind("p.md:2:17: ", 0), 0u);
    EXPECT_EQ(json_error("{\"a\": 1", third_line).rfind("content/post.md:3:8: ", 0), 0u);
}

TEST(JsonParse, TopLevelMustBeAnObject) {
    EXPECT_EQ(json_error("  [1, 2]", SourceLocation{"p.md", 2, 1}),
              "p.md:2:3: front matter must be a JSON object");
    EXPECT_THROW(json("\"text\""), ParseError);
    EXPECT_THROW(json(""), ParseError);
}

TEST(JsonParse, NumberOverflowIsAParseError) {
    EXPECT_EQ(json_error("{\"a\": 1e400}", start_of_file),
              "content/post.md:1:1: number overflow parsing '1e400'");
}

TEST(JsonParse, RealHugoFrontMatter) {
    Table t = json(R"({
  "categories": ["Cryptocurrency", "Blockchain", "SmartContract"],
  "date": "2021-09-27",
  "description": "Cryptocurrency Exchanges Rush to Cut Ties with Chinese Users",
  "tags": ["Cryptocurrency", "Blockchain", "SmartContract"],
  "title": "Cryptocurrency Exchanges Rush to Cut Ties with Chinese Users",
  "type": "post"
})");
    EXPECT_EQ(keys(t), (Keys{"categories", "date", "description", "tags", "title", "type"}));
    EXPECT_EQ(*t.find("tags"), Value(Array{"Cryptocurrency", "Blockchain", "SmartContract"}));
    EXPECT_EQ(*t.find("date"), Value("2021-09-27"));
}

TEST(JsonWrite, PrettyPrintsInKeyOrder) {
    Table params;
    params.set("z", 1);
    params.set("a", Array{1.0, "é", nullptr});
    Table t;
    t.set("title", "Hé \"quoted\"\n");
    t.set("weight", 3);
    t.set("ratio", 1.0);
    t.set("negzero", -0.0);
    t.set("big", 1e300);
    t.set("draft", false);
    t.set("none", nullptr);
    t.set("params", params);
    t.set("empty", Table{});
    t.set("list", Array{});
    EXPECT_EQ(write_json(t), R"({
  "title": "Hé \"quoted\"\n",
  "weight": 3,
  "ratio": 1.0,
  "negzero": -0.0,
  "big": 1e+300,
  "draft": false,
  "none": null,
  "params": {
    "z": 1,
    "a": [
      1.0,
      "é",
      null
    ]
  },
  "empty": {},
  "list": []
}
)");
    EXPECT_EQ(json(write_json(t)), t);
    EXPECT_EQ(write_json(Table{}), "{}\n");
}

TEST(JsonWrite, SixtyFourBitIntegersRoundTrip) {
    Table t;
    t.set("max", std::numeric_limits<std::int64_t>::max());
    t.set("min", std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(write_json(t), "{\n  \"max\": 9223372036854775807,\n  \"min\": -9223372036854775808\n}\n");
    EXPECT_EQ(json(write_json(t)), t);
}

TEST(JsonWrite, ValuesJsonCannotHoldThrow) {
    Table date;
    date.set("d", *parse_datetime("1979-05-27"));
    EXPECT_THROW(write_json(date), std::invalid_argument);
    Table nested;
    nested.set("list", Array{Array{*parse_datetime("07:32:00")}});
    EXPECT_THROW(write_json(nested), std::invalid_argument);
    Table inf;
    inf.set("x", std::numeric_limits<double>::infinity());
    EXPECT_THROW(write_json(inf), std::invalid_argument);
    Table nan;
    nan.set("x", std::nan(""));
    EXPECT_THROW(write_json(nan), std::invalid_argument);
    Table bad_utf8;
    bad_utf8.set("x", "\xff");
    EXPECT_THROW(write_json(bad_utf8), std::invalid_argument);
    Table duplicate;
    duplicate.set("a", 1);
    duplicate.insert(0, "a", 2);
    EXPECT_THROW(write_json(duplicate), std::invalid_argument);
}

TEST(JsonWrite, OneLineWritesTheSameValues) {
    Table t = json(R"({"title": "Post \"one\"", "n": null, "yes": true, "big": -9223372036854775808,
        "ratio": -0.5, "tags": ["a", [], {}], "control": "\u0001\t\n\r\b\f\u001f\\ caf\u00e9 \u2028 \u007f",
        "nested": {"empty": "", "list": [1, 2.0]}})");
    const std::string line = write_json_line(t);
    EXPECT_EQ(line,
              "{\"title\":\"Post \\\"one\\\"\",\"n\":null,\"yes\":true,\"big\":-9223372036854775808,"
              "\"ratio\":-0.5,\"tags\":[\"a\",[],{}],\"control\":\"\\u0001\\t\\n\\r\\b\\f\\u001f\\\\ "
              "caf\xC3\xA9 \xE2\x80\xA8 \x7F\",\"nested\":{\"empty\":\"\",\"list\":[1,2.0]}}");
    EXPECT_EQ(json(line), t);
    // What write_json refuses, write_json_line refuses.
    for (const Value& refused : {Value(*parse_datetime("1979-05-27")), Value(std::nan("")), Value("\xff")}) {
        Table bad;
        bad.set("x", refused);
        EXPECT_THROW((void)write_json_line(bad), std::invalid_argument);
    }
    Table duplicate;
    duplicate.set("a", 1);
    duplicate.insert(0, "a", 2);
    EXPECT_THROW((void)write_json_line(duplicate), std::invalid_argument);
}

TEST(JsonRoundTrip, ParseWriteParseIsIdentical) {
    const char* text = R"({
  "title": "Post",
  "tags": ["a", "b"],
  "params": {"weight": 10, "ratio": -0.5, "seo": {"noindex": true}, "n": null},
  "resources": [{"src": "images/*.jpg", "params": {"credit": "me"}}, {"src": "*.pdf"}],
  "control": "\u0001\t"
})";
    Table t = json(text);
    std::string written = write_json(t);
    EXPECT_EQ(json(written), t) << written;
    EXPECT_EQ(write_json(json(written)), written);
}
