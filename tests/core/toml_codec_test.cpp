#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/codecs.h"
#include "core/value.h"

using namespace postport;

namespace {

// Front matter as Hugo has it: the text starts on line 2, after `+++`.
const SourceLocation after_delimiter{"content/post.md", 2, 1};

Table toml(std::string_view text) { return parse_toml(text, after_delimiter); }

std::vector<std::string> keys(const Table& table) {
    std::vector<std::string> out;
    for (const auto& entry : table) out.push_back(entry.key);
    return out;
}

using Keys = std::vector<std::string>;

const Table& table_at(const Table& table, std::string_view key) {
    const Value* value = table.find(key);
    if (value == nullptr || !value->is_table()) throw std::logic_error("no table " + std::string(key));
    return value->as_table();
}

DateTime datetime(std::string_view text) {
    auto dt = parse_datetime(text);
    if (!dt) throw std::logic_error("bad date-time in test: " + std::string(text));
    return *dt;
}

// The text of a ParseError as the user sees it: `path:line:column: message`.
std::string toml_error(std::string_view text) {
    try {
        toml(text);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "no error";
}

}  // namespace

TEST(TomlParse, ReadsEveryValueType) {
    Table t = toml(R"(string = "text"
integer = 42
float = 1.5
bool = true
offset = 1979-05-27T07:32:00-08:00
local = 1979-05-27T07:32:00
date = 1979-05-27
time = 07:32:00
array = [1, "two", 3.0]
inline = { a = 1 }
[table]
key = "value"
)");
    EXPECT_EQ(keys(t), (Keys{"string", "integer", "float", "bool", "offset", "local", "date", "time",
                             "array", "inline", "table"}));
    EXPECT_EQ(*t.find("string"), Value("text"));
    EXPECT_EQ(*t.find("integer"), Value(42));
    EXPECT_EQ(*t.find("float"), Value(1.5));
    EXPECT_EQ(*t.find("bool"), Value(true));
    EXPECT_EQ(t.find("offset")->type(), ValueType::OffsetDateTime);
    EXPECT_EQ(t.find("local")->type(), ValueType::LocalDateTime);
    EXPECT_EQ(t.find("date")->type(), ValueType::LocalDate);
    EXPECT_EQ(t.find("time")->type(), ValueType::LocalTime);
    EXPECT_EQ(*t.find("array"), Value(Array{1, "two", 3.0}));
    Table inline_table;
    inline_table.set("a", 1);
    EXPECT_EQ(*t.find("inline"), Value(inline_table));
    EXPECT_EQ(*table_at(t, "table").find("key"), Value("value"));
}

TEST(TomlParse, KeepsTopLevelKeysInterleavedWithTablesInSourceOrder) {
    Table t = toml(R"(zebra = 1
[middle]
y = 2
b = 3
[alpha]
x = 3
)");
    EXPECT_EQ(keys(t), (Keys{"zebra", "middle", "alpha"}));
    EXPECT_EQ(keys(table_at(t, "middle")), (Keys{"y", "b"}));
}

TEST(TomlParse, OrdersDottedKeysWhereTheyFirstAppear) {
    Table t = toml(R"(z = 1
site.name = "x"
a = 2
site.base = "y"
[z2]
deep.er.key = 1
deep.alpha = 2
)");
    EXPECT_EQ(keys(t), (Keys{"z", "site", "a", "z2"}));
    EXPECT_EQ(keys(table_at(t, "site")), (Keys{"name", "base"}));
    EXPECT_EQ(keys(table_at(table_at(t, "z2"), "deep")), (Keys{"er", "alpha"}));
}

TEST(TomlParse, SubTableBeforeItsParentKeepsTheParentWhereItFirstAppeared) {
    Table t = toml(R"(title = "t"
[a.b]
x = 1
[c]
y = 2
[a]
z = 3
)");
    EXPECT_EQ(keys(t), (Keys{"title", "a", "c"}));
    EXPECT_EQ(keys(table_at(t, "a")), (Keys{"b", "z"}));
}

TEST(TomlParse, ArraysOfTablesKeepElementAndKeyOrder) {
    Table t = toml(R"([[items]]
zeta = 1
alpha = 2
[items.sub]
q = 1
[[items]]
beta = 3
[[other]]
k = 1
)");
    EXPECT_EQ(keys(t), (Keys{"items", "other"}));
    const Array& items = t.find("items")->as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(keys(items[0].as_table()), (Keys{"zeta", "alpha", "sub"}));
    EXPECT_EQ(keys(items[1].as_table()), (Keys{"beta"}));
}

TEST(TomlParse, InlineTablesKeepTheirOrder) {
    Table t = toml(R"(t = { zeta = 1, alpha = { y = 2, b = 3 }, list = [{ z = 1, a = 2 }] })");
    const Table& inline_table = table_at(t, "t");
    EXPECT_EQ(keys(inline_table), (Keys{"zeta", "alpha", "list"}));
    EXPECT_EQ(keys(table_at(inline_table, "alpha")), (Keys{"y", "b"}));
    EXPECT_EQ(keys(inline_table.find("list")->as_array()[0].as_table()), (Keys{"z", "a"}));
}

TEST(TomlParse, DateTimesKeepTheirExactText) {
    for (const char* text :
         {"1979-05-27T07:32:00.999999-07:00", "1979-05-27 07:32:00Z", "07:32:00.500", "1979-05-27",
          "1979-05-27T07:32:00+00:00", "1979-05-27T00:32:00.5", "1979-05-27T07:32:00.500000000Z",
          "1979-05-27 07:32:00"}) {
        Table t = toml(std::string("d = ") + text + "\n");
        EXPECT_EQ(format_datetime(t.find("d")->as_datetime()), text);
        // Also at the very end of the text, with no newline after it.
        Table at_end = toml(std::string("d = ") + text);
        EXPECT_EQ(format_datetime(at_end.find("d")->as_datetime()), text);
    }
}

TEST(TomlParse, DateTimesAfterMultiByteCharactersAndInsideContainers) {
    // toml++ counts columns in code points; the text is read in bytes.
    Table t = toml(R"("ключ" = { "é" = 1979-05-27T07:32:00.50Z, t = [07:32:00.000, 1979-05-27 07:32:00+00:00] }
title = "日本語" # 1979-05-27
when = 1979-05-27T07:32:00.10+05:30 # comment
)");
    const Table& inner = table_at(t, "ключ");
    EXPECT_EQ(inner.find("é")->as_datetime(), datetime("1979-05-27T07:32:00.50Z"));
    EXPECT_EQ(*inner.find("t"),
              Value(Array{datetime("07:32:00.000"), datetime("1979-05-27 07:32:00+00:00")}));
    EXPECT_EQ(t.find("when")->as_datetime(), datetime("1979-05-27T07:32:00.10+05:30"));
}

TEST(TomlParse, SixtyFourBitIntegers) {
    Table t = toml("max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0xff\n");
    EXPECT_EQ(t.find("max")->as_integer(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(t.find("min")->as_integer(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(t.find("hex")->as_integer(), 255);
}

TEST(TomlParse, FloatsStayFloatsWithSignedZeroInfinityAndNan) {
    Table t = toml("one = 1.0\nint = 1\nnegzero = -0.0\ninf = inf\nneginf = -inf\nnan = nan\nbig = 1e300\n");
    EXPECT_TRUE(t.find("one")->is_float());
    EXPECT_TRUE(t.find("int")->is_integer());
    EXPECT_TRUE(std::signbit(t.find("negzero")->as_float()));
    EXPECT_EQ(*t.find("negzero"), Value(-0.0));
    EXPECT_EQ(t.find("inf")->as_float(), std::numeric_limits<double>::infinity());
    EXPECT_EQ(t.find("neginf")->as_float(), -std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isnan(t.find("nan")->as_float()));
    EXPECT_EQ(t.find("big")->as_float(), 1e300);
}

TEST(TomlParse, ValuesCarryTheirFileLine) {
    Table t = toml("title = \"x\"\n\n[params]\nauthor = \"me\"\nlist = [\n  1,\n  2,\n]\n");
    EXPECT_EQ(t.find("title")->line(), 2);
    EXPECT_EQ(t.find("params")->line(), 4);
    const Table& params = table_at(t, "params");
    EXPECT_EQ(params.find("author")->line(), 5);
    EXPECT_EQ(params.find("list")->line(), 6);
    EXPECT_EQ(params.find("list")->as_array()[1].line(), 8);
}

TEST(TomlParse, ErrorsPointAtTheFileLineAndColumn) {
    EXPECT_EQ(toml_error("title = \"x\"\nbad = \n"),
              "content/post.md:3:7: Error while parsing key-value pair: expected value, saw '\\n'");
    EXPECT_EQ(toml_error("a = 1\na = 2\n").rfind("content/post.md:3:5: ", 0), 0u);
    EXPECT_EQ(toml_error("[a]\n[a]\n").rfind("content/post.md:3:1: ", 0), 0u);
    // Columns count bytes, as everywhere else in postport: "éé" is 4 bytes.
    EXPECT_EQ(toml_error("t = \"éé\" x\n").rfind("content/post.md:2:12: ", 0), 0u);
    EXPECT_EQ(toml_error("a = ").rfind("content/post.md:2:5: ", 0), 0u);
}

TEST(TomlParse, ErrorOnTheFirstLineAddsTheOriginColumn) {
    try {
        parse_toml("a = @", SourceLocation{"f.md", 7, 10});
        FAIL() << "no error";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().path, "f.md");
        EXPECT_EQ(error.where().line, 7);
        EXPECT_EQ(error.where().column, 14);
        EXPECT_FALSE(error.message().empty());
    }
}

TEST(TomlParse, RealHugoFrontMatter) {
    Table t = toml(R"(categories = ["Cryptocurrency", "Blockchain", "SmartContract"]
date = "2021-09-27"
description = "Cryptocurrency Exchanges Rush to Cut Ties with Chinese Users"
tags = ["Cryptocurrency", "Blockchain", "SmartContract"]
title = "Cryptocurrency Exchanges Rush to Cut Ties with Chinese Users"
type = "post"
)");
    EXPECT_EQ(keys(t), (Keys{"categories", "date", "description", "tags", "title", "type"}));
    Value terms(Array{"Cryptocurrency", "Blockchain", "SmartContract"});
    EXPECT_EQ(*t.find("categories"), terms);
    EXPECT_EQ(*t.find("tags"), terms);
    // A quoted date is a string in TOML.
    EXPECT_EQ(*t.find("date"), Value("2021-09-27"));
    EXPECT_EQ(*t.find("title"), Value("Cryptocurrency Exchanges Rush to Cut Ties with Chinese Users"));
    EXPECT_EQ(*t.find("type"), Value("post"));
    EXPECT_EQ(t.find("type")->line(), 7);
    EXPECT_EQ(toml(write_toml(t)), t);
}

TEST(TomlWrite, WritesCanonicalText) {
    Table params;
    params.set("author", "Me");
    params.set("weight", 3);
    Table t;
    t.set("title", "Hello \"world\"");
    t.set("draft", false);
    t.set("ratio", 1.0);
    t.set("date", datetime("1979-05-27 07:32:00.500Z"));
    t.set("tags", Array{"a", "b"});
    t.set("odd key", 1);
    t.set("params", params);
    EXPECT_EQ(write_toml(t), R"(title = "Hello \"world\""
draft = false
ratio = 1.0
date = 1979-05-27 07:32:00.500Z
tags = ["a", "b"]
"odd key" = 1

[params]
author = "Me"
weight = 3
)");
}

TEST(TomlWrite, TableFollowedByAPlainValueIsWrittenInline) {
    Table inner;
    inner.set("x", 1);
    inner.set("list", Array{2});
    Table t;
    t.set("a", inner);
    t.set("b", 2);
    EXPECT_EQ(write_toml(t), "a = { x = 1, list = [2] }\nb = 2\n");
    Table back = toml(write_toml(t));
    EXPECT_EQ(back, t);
    EXPECT_EQ(keys(back), (Keys{"a", "b"}));
}

TEST(TomlWrite, TrailingTablesAndArraysOfTablesBecomeSections) {
    Table deep;
    deep.set("y", 1);
    Table params;
    params.set("x", "v");
    params.set("deep", deep);
    Table first;
    first.set("name", "one");
    first.set("meta", deep);
    Table second;
    second.set("name", "two");
    Table t;
    t.set("title", "t");
    t.set("params", params);
    t.set("items", Array{first, second});
    t.set("empty", Table{});
    EXPECT_EQ(write_toml(t), R"(title = "t"

[params]
x = "v"

[params.deep]
y = 1

[[items]]
name = "one"

[items.meta]
y = 1

[[items]]
name = "two"

[empty]
)");
    EXPECT_EQ(toml(write_toml(t)), t);
}

TEST(TomlWrite, EmptyTablesAndArraysInline) {
    Table t;
    t.set("e", Table{});
    t.set("list", Array{});
    t.set("z", 1);
    EXPECT_EQ(write_toml(t), "e = {}\nlist = []\nz = 1\n");
    EXPECT_EQ(write_toml(Table{}), "");
    EXPECT_EQ(toml(write_toml(t)), t);
}

TEST(TomlWrite, FloatsStayFloats) {
    Table t;
    t.set("one", 1.0);
    t.set("negzero", -0.0);
    t.set("inf", std::numeric_limits<double>::infinity());
    t.set("neginf", -std::numeric_limits<double>::infinity());
    t.set("nan", std::nan(""));
    t.set("big", 1e300);
    t.set("tenth", 0.1);
    EXPECT_EQ(write_toml(t),
              "one = 1.0\nnegzero = -0.0\ninf = inf\nneginf = -inf\nnan = nan\nbig = 1e+300\n"
              "tenth = 0.1\n");
    Table back = toml(write_toml(t));
    EXPECT_EQ(back, t);
    EXPECT_TRUE(std::signbit(back.find("negzero")->as_float()));
}

TEST(TomlWrite, StringsAndKeysAreEscaped) {
    Table t;
    t.set("multi", "line one\nline \"two\" \"\"\" \\ end\"");
    t.set("control", std::string("tab\tnul") + '\0' + "\x01\x7f\r\b\f");
    t.set("unicode", "日本語 é");
    t.set("", "empty key");
    t.set("a.b", "dotted key");
    t.set("quote\"key\n", 1);
    Table inner;
    inner.set("nested", "in\nline");
    t.set("inline", Array{inner});
    t.set("x", 1);
    std::string text = write_toml(t);
    EXPECT_NE(text.find("nul\\u0000\\u0001\\u007F\\r\\b\\f\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"\" = \"empty key\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"a.b\" = "), std::string::npos) << text;
    EXPECT_NE(text.find("inline = [{ nested = \"in\\nline\" }]"), std::string::npos) << text;
    EXPECT_EQ(toml(text), t) << text;
}

TEST(TomlWrite, DateTimesComeBackExactly) {
    Table t;
    for (const char* text : {"1979-05-27T07:32:00.999999-07:00", "1979-05-27 07:32:00Z", "07:32:00.500",
                             "1979-05-27", "1979-05-27T07:32:00+0530"})
        t.set(text, datetime(text));
    Table back = toml(write_toml(t));
    // TOML spells a colon-less offset with a colon; everything else is exact.
    EXPECT_EQ(format_datetime(back.find("1979-05-27T07:32:00+0530")->as_datetime()),
              "1979-05-27T07:32:00+05:30");
    back.erase("1979-05-27T07:32:00+0530");
    t.erase("1979-05-27T07:32:00+0530");
    EXPECT_EQ(back, t);
}

TEST(TomlWrite, NullAnywhereThrows) {
    Table top;
    top.set("n", nullptr);
    EXPECT_THROW(write_toml(top), std::invalid_argument);
    Table in_array;
    in_array.set("a", Array{1, nullptr});
    EXPECT_THROW(write_toml(in_array), std::invalid_argument);
    Table inner;
    inner.set("n", nullptr);
    Table in_section;
    in_section.set("t", inner);
    EXPECT_THROW(write_toml(in_section), std::invalid_argument);
}

TEST(TomlWrite, DuplicateKeysThrowRatherThanWriteInvalidToml) {
    Table t;
    t.set("a", 1);
    t.insert(5, "a", 2);
    EXPECT_THROW(write_toml(t), std::invalid_argument);
}

TEST(TomlRoundTrip, MixedDocumentReadsBackIdentically) {
    const char* text = R"(title = "Post"
date = 2021-09-27T10:00:00.120+02:00
tags = ["a", "b"]
site.name = "x"
matrix = [[1, 2], ["a", { k = 07:32:00 }]]
[params]
weight = 10
ratio = -0.0
[params.seo]
noindex = true
[[resources]]
src = "images/*.jpg"
[resources.params]
credit = "me"
[[resources]]
src = "*.pdf"
)";
    Table t = toml(text);
    std::string written = write_toml(t);
    Table back = toml(written);
    EXPECT_EQ(back, t) << written;
    EXPECT_EQ(write_toml(back), written);
}

namespace {

// Random tables with every value type, odd keys, and tables and scalars in
// every order: the writer must never reorder or retype anything.
class RandomTables {
public:
    explicit RandomTables(unsigned seed) : random_(seed) {}

    Table table(int depth) {
        Table t;
        int size = pick(0, 5);
        for (int i = 0; i < size; ++i) t.set(key(i), value(depth));
        return t;
    }

private:
    int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

    std::string key(int index) {
        static const char* const shapes[] = {"k", "with space", "é", "a.b", "quo\"te", "-_9", ""};
        return shapes[pick(0, 6)] + std::to_string(index);
    }

    Value value(int depth) {
        int kind = pick(0, depth > 0 ? 10 : 7);
        switch (kind) {
            case 0: return pick(0, 1) == 1;
            case 1: return static_cast<std::int64_t>(pick(-1000, 1000)) * 1'000'000'007;
            case 2: return pick(-100, 100) / 8.0;
            case 3: return std::string("s\n\"x\"\t") + std::to_string(pick(0, 9));
            case 4: return datetime("1979-05-27T07:32:00.50Z");
            case 5: return datetime("07:32:00");
            case 6: return datetime("1979-05-27 07:32:00");
            case 7: return datetime("1979-05-27");
            case 8: return table(depth - 1);
            case 9: {
                Array tables;
                for (int i = pick(1, 3); i > 0; --i) tables.push_back(table(depth - 1));
                return tables;
            }
            default: {
                Array mixed;
                for (int i = pick(0, 3); i > 0; --i) mixed.push_back(value(depth - 1));
                return mixed;
            }
        }
    }

    std::mt19937 random_;
};

}  // namespace

TEST(TomlRoundTrip, RandomTablesWriteAndReadBackIdentically) {
    RandomTables random(20240927);
    for (int i = 0; i < 300; ++i) {
        Table t = random.table(3);
        std::string written = write_toml(t);
        Table back;
        ASSERT_NO_THROW(back = toml(written)) << written;
        ASSERT_EQ(back, t) << written;
    }
}
