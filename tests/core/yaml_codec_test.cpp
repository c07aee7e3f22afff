#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/codecs.h"
#include "core/value.h"

using namespace postport;

namespace {

const SourceLocation kOrigin{"post.md", 2, 1};

Table parse(std::string_view text, YamlDialect dialect, Warnings* warnings = nullptr) {
    Warnings local;
    return parse_yaml(text, dialect, kOrigin, warnings ? *warnings : local);
}

// The value of one plain scalar, read as `v: <scalar>`.
Value scalar(std::string_view text, YamlDialect dialect, Warnings* warnings = nullptr) {
    Table table = parse("v: " + std::string(text) + "\n", dialect, warnings);
    const Value* value = table.find("v");
    return value ? *value : Value("<missing>");
}

Value psych(std::string_view text) { return scalar(text, YamlDialect::Psych); }
Value go(std::string_view text) { return scalar(text, YamlDialect::GoYaml); }

Value datetime(std::string_view text) {
    std::optional<DateTime> dt = parse_datetime(text);
    EXPECT_TRUE(dt) << text;
    return dt ? Value(*dt) : Value();
}

Value date(int year, int month, int day) {
    DateTime dt;
    dt.date = Date{year, month, day};
    return Value(dt);
}

Value str(std::string_view text) { return Value(std::string(text)); }

double inf() { return std::numeric_limits<double>::infinity(); }

std::vector<WarningKind> kinds(const Warnings& warnings) {
    std::vector<WarningKind> out;
    for (const Warning& w : warnings.all()) out.push_back(w.kind);
    return out;
}

std::string error_of(std::string_view text, YamlDialect dialect, SourceLocation origin = kOrigin) {
    Warnings warnings;
    try {
        parse_yaml(text, dialect, origin, warnings);
    } catch (const ParseError& error) {
        return error.what();
    }
    return "<no error>";
}

// Every scalar type and the strings readers could mistake for something else.
Table every_type() {
    Table t;
    t.set("string", "hello world");
    for (const char* tricky : {"yes",
                               "no",
                               "on",
                               "off",
                               "y",
                               "n",
                               "Yes",
                               "OFF",
                               "true",
                               "false",
                               "null",
                               "Null",
                               "~",
                               "",
                               " x",
                               "x ",
                               "a: b",
                               "a #b",
                               "#x",
                               "1e3",
                               "inf",
                               ".inf",
                               "-.inf",
                               ".nan",
                               "-",
                               "--- x",
                               "? x",
                               "0755",
                               "0189",
                               "0o755",
                               "0x1F",
                               "0b101",
                               "1_000",
                               "1,000",
                               "1:30",
                               "07:32:00",
                               "1.0",
                               "1.2.3",
                               "+1",
                               "-0",
                               "2021-09-27",
                               "2021-9-7",
                               "2021-09-27 23:30:00",
                               "2021-09-27 23:30",
                               "2021-09-27T10:00:00+02:00",
                               ":foo",
                               "foo:",
                               "<<",
                               "=",
                               "@at",
                               "`tick",
                               "%pct",
                               "!bang",
                               "&amp",
                               "*star",
                               "|pipe",
                               ">gt",
                               "'single",
                               "\"double",
                               "[x]",
                               "{x}",
                               "a, b",
                               "C#",
                               "http://example.com/a?b=c#d",
                               "multi\nline\n",
                               "tab\there",
                               "nul\x01",
                               "back\\slash",
                               "caf\xC3\xA9",
                               "\xE2\x80\xA8sep",
                               "trueish",
                               "nULL",
                               "yes\nno",
                               "1:60",
                               "12:30:45.5",
                               ".5",
                               "5.",
                               "1e+3",
                               "0x",
                               "0b",
                               "._",
                               "10 things",
                               "a:b",
                               "key with spaces"})
        t.set("s" + std::to_string(t.size()), tricky);
    t.set("int", 42);
    t.set("negative", -7);
    t.set("zero", 0);
    t.set("big", std::numeric_limits<std::int64_t>::max());
    t.set("small", std::numeric_limits<std::int64_t>::min());
    t.set("float", 1.5);
    t.set("float_whole", 3.0);
    t.set("float_huge", 1e300);
    t.set("float_tiny", 1.5e-7);
    t.set("float_denormal", 5e-324);
    t.set("float_max", std::numeric_limits<double>::max());
    t.set("float_neg_zero", -0.0);
    t.set("float_inf", inf());
    t.set("float_neg_inf", -inf());
    t.set("float_nan", std::nan(""));
    t.set("float_third", 1.0 / 3.0);
    t.set("bool_true", true);
    t.set("bool_false", false);
    t.set("nothing", nullptr);
    t.set("offset_colon", datetime("2021-09-27T10:00:00+02:00"));
    t.set("offset_nocolon", datetime("2021-09-27T10:00:00-0530"));
    t.set("offset_zulu", datetime("1979-05-27T07:32:00.999999Z"));
    t.set("offset_space", datetime("2021-09-27 23:30:00+02:00"));
    t.set("offset_fraction", datetime("2021-09-27T10:00:00.500+02:00"));
    t.set("local_datetime", datetime("2021-09-27T23:30:00"));
    t.set("local_datetime_space", datetime("2021-09-27 23:30:00.25"));
    t.set("local_date", datetime("2021-09-27"));
    t.set("empty_list", Array{});
    t.set("empty_map", Table{});
    Table nested;
    nested.set("title", "yes");
    nested.set("n", 1);
    nested.set("list",
               Array{Value("a"), Value(2), Value(Array{Value("x"), Value("y")}), Value(Table{})});
    t.set("nested", nested);
    Table item;
    item.set("name", "first");
    item.set("tags", Array{Value("on"), Value("off")});
    t.set("items", Array{Value(item), Value(item), Value(Array{}), Value(nullptr)});
    t.set("yes", "key that is a bool word");
    t.set("1", "key that is a number");
    t.set("<<", "a key that must not merge");
    t.set("", "empty key");
    t.set("a: b", "key with a colon");
    return t;
}

}  // namespace

// ---------------------------------------------------------------------------
// Psych (Jekyll)

TEST(YamlPsych, PlatformsTableRowByRow) {
    // 2021-09-27 / 2021-9-27: Date / Date
    EXPECT_EQ(psych("2021-09-27"), date(2021, 9, 27));
    EXPECT_EQ(psych("2021-9-27"), date(2021, 9, 27));
    // …T10:00:00Z, … 10:00:00 +0200: Time, offset kept
    EXPECT_EQ(psych("2021-09-27T10:00:00Z"), datetime("2021-09-27T10:00:00Z"));
    EXPECT_EQ(psych("2021-09-27 10:00:00 +0200"), datetime("2021-09-27 10:00:00+0200"));
    // … 10:00:00 / … 10:00: Time UTC (no offset in the lexeme) / String
    EXPECT_EQ(psych("2021-09-27 10:00:00"), datetime("2021-09-27 10:00:00"));
    EXPECT_EQ(psych("2021-09-27 10:00"), str("2021-09-27 10:00"));
    // 0755: 493
    EXPECT_EQ(psych("0755"), Value(493));
    // 0189 0o755 1e3 1.2.3 inf y n: String
    for (const char* s : {"0189", "0o755", "1e3", "1.2.3", "inf", "y", "n"})
        EXPECT_EQ(psych(s), str(s)) << s;
    // 1,000 1_000: 1000
    EXPECT_EQ(psych("1,000"), Value(1000));
    EXPECT_EQ(psych("1_000"), Value(1000));
    // 1:30 / 07:32:00: 5400 / 27120
    EXPECT_EQ(psych("1:30"), Value(5400));
    EXPECT_EQ(psych("07:32:00"), Value(27120));
    // yes no on off, any case: bool
    for (const char* s : {"yes", "Yes", "YES", "yEs", "on", "On", "ON", "true", "TRUE", "tRuE"})
        EXPECT_EQ(psych(s), Value(true)) << s;
    for (const char* s : {"no", "No", "NO", "off", "Off", "OFF", "oFf", "false", "FALSE"})
        EXPECT_EQ(psych(s), Value(false)) << s;
    // ~ null or empty: nil
    for (const char* s : {"~", "null", "Null", "NULL", "nULL", ""})
        EXPECT_EQ(psych(s), Value()) << s;
    // .inf .nan -0.0 1.10: Float
    EXPECT_EQ(psych(".inf"), Value(inf()));
    EXPECT_EQ(psych("-.Inf"), Value(-inf()));
    EXPECT_EQ(psych("+.INF"), Value(inf()));
    EXPECT_TRUE(std::isnan(psych(".NaN").as_float()));
    EXPECT_EQ(psych("-0.0"), Value(-0.0));
    EXPECT_EQ(psych("1.10"), Value(1.1));
    // :foo: all front matter dropped
    EXPECT_NE(error_of("v: :foo\n", YamlDialect::Psych).find("Ruby symbol"), std::string::npos);
}

TEST(YamlPsych, ScalarScannerDetails) {
    EXPECT_EQ(psych("trueish"), str("trueish"));
    EXPECT_EQ(psych("nulll"), str("nulll"));
    EXPECT_EQ(psych("0"), Value(0));
    EXPECT_EQ(psych("-0"), Value(0));
    EXPECT_EQ(psych("+1"), Value(1));
    EXPECT_EQ(psych("00"), Value(0));
    EXPECT_EQ(psych("09"), str("09"));
    EXPECT_EQ(psych("0_7"), Value(7));
    EXPECT_EQ(psych("0x1F"), Value(31));
    EXPECT_EQ(psych("-0x1f"), Value(-31));
    EXPECT_EQ(psych("0x_1"), Value(1));
    EXPECT_EQ(psych("0b101"), Value(5));
    EXPECT_EQ(psych("-0b101"), Value(-5));
    EXPECT_EQ(psych("0b"), str("0b"));
    EXPECT_EQ(psych("0x"), str("0x"));
    EXPECT_EQ(psych("1,0"), Value(10));
    EXPECT_EQ(psych("1.0"), Value(1.0));
    EXPECT_EQ(psych("1."), Value(1.0));
    EXPECT_EQ(psych(".5"), Value(0.5));
    EXPECT_EQ(psych("-.5"), Value(-0.5));
    EXPECT_EQ(psych("1.e+3"), Value(1000.0));
    EXPECT_EQ(psych("1.5e3"), str("1.5e3"));  // the exponent needs a sign
    EXPECT_EQ(psych("1.5e+3"), Value(1500.0));
    EXPECT_EQ(psych("1_000.5"), Value(1000.5));
    EXPECT_EQ(psych("1,000.5"), Value(1000.5));
    EXPECT_EQ(psych("1.0e+400"), Value(inf()));
    EXPECT_EQ(psych("1.0e-400"), Value(0.0));
    EXPECT_EQ(psych("._5"), str("._5"));
    EXPECT_EQ(psych("+.nan"), str("+.nan"));
    // Sexagesimal: two parts are hours and minutes.
    EXPECT_EQ(psych("1:5"), Value(3900));
    EXPECT_EQ(psych("-1:30"), Value(-1800));
    EXPECT_EQ(psych("190:20:30"), Value(685230));
    EXPECT_EQ(psych("1_2:30"), Value(45000));
    EXPECT_EQ(psych("1:60"), str("1:60"));
    EXPECT_EQ(psych("1:30.5"), Value(5430.0));
    EXPECT_EQ(psych("1:30.5_5"), Value(5433.0));
    // Dates: strptime checks them, with the Julian calendar before 1582.
    EXPECT_EQ(psych("2021-02-30"), str("2021-02-30"));
    EXPECT_EQ(psych("2020-02-29"), date(2020, 2, 29));
    EXPECT_EQ(psych("1900-02-29"), str("1900-02-29"));
    EXPECT_EQ(psych("1500-02-29"), date(1500, 2, 29));
    EXPECT_EQ(psych("1582-10-10"), str("1582-10-10"));
    EXPECT_EQ(psych("2021-09-007"), str("2021-09-007"));
    // Short words: only five characters or fewer, and Ruby's ^/$ see lines.
    EXPECT_EQ(psych("on\n\n  no"), Value(true));
    EXPECT_EQ(psych("y\n\n  n"), str("y\nn"));
}

TEST(YamlPsych, TimesKeepDigitsAndOffsetsAndRollOverLikeRuby) {
    EXPECT_EQ(psych("2021-09-27T10:00:00.123456789123+05:30"),
              datetime("2021-09-27T10:00:00.123456789123+05:30"));
    EXPECT_EQ(psych("2021-09-27t10:00:00.5Z"), datetime("2021-09-27T10:00:00.5Z"));
    EXPECT_EQ(psych("2021-09-27 10:00:00 -0530"), datetime("2021-09-27 10:00:00-0530"));
    EXPECT_EQ(psych("2021-09-27 10:00:00 Z"), datetime("2021-09-27 10:00:00Z"));
    // One-digit month, day and hour, and hour-only offsets.
    EXPECT_EQ(psych("2021-2-8 3:59:00 +5"), datetime("2021-02-08 03:59:00+05:00"));
    EXPECT_EQ(psych("2021-02-28 23:59:00 +053"), datetime("2021-02-28 23:59:00+0503"));
    // Psych gives minutes the sign of the hours: -00:30 is +00:30.
    EXPECT_EQ(psych("2021-02-28 23:59:00 -00:30"), datetime("2021-02-28 23:59:00+00:30"));
    // Ruby's Time rolls day 30 of February, 24:00:00 and second 60 over.
    EXPECT_EQ(psych("2021-02-30 10:00:00"), datetime("2021-03-02 10:00:00"));
    EXPECT_EQ(psych("2021-02-28 24:00:00"), datetime("2021-03-01 00:00:00"));
    EXPECT_EQ(psych("2021-02-28 23:59:60.5 +01:00"), datetime("2021-03-01 00:00:00.5+01:00"));
    for (const char* s :
         {"2021-02-32 10:00:00", "2021-13-01 10:00:00", "2021-02-28 24:00:01",
          "2021-02-28 23:60:00", "2021-02-28 23:59:00 +24", "2021-02-28 23:59:00 +530"})
        EXPECT_EQ(psych(s), str(s)) << s;
    EXPECT_NE(error_of("v: 2021-02-28\t23:59:00\n", YamlDialect::Psych).find("tab"),
              std::string::npos);
}

TEST(YamlPsych, QuotedScalarsAreStringsAndTagsFollowPsych) {
    Table t = parse(
        "a: '0755'\nb: \"yes\"\nc: |\n  1:30\nd: !!str 12\ne: !!int \"0755\"\n"
        "f: !!int abc\ng: !!float 1\nh: !!float '1_0'\ni: ! '12'\nj: !foo 12\n"
        "k: !!binary aGVsbG8=\nl: !ruby/string x\nm: !!null x\nn: !!str\n",
        YamlDialect::Psych);
    EXPECT_EQ(*t.find("a"), str("0755"));
    EXPECT_EQ(*t.find("b"), str("yes"));
    EXPECT_EQ(*t.find("c"), str("1:30\n"));
    EXPECT_EQ(*t.find("d"), str("12"));
    EXPECT_EQ(*t.find("e"), Value(493));  // an explicit tag is tokenized, quoted or not
    EXPECT_EQ(*t.find("f"), str("abc"));
    EXPECT_EQ(*t.find("g"), Value(1.0));
    EXPECT_EQ(*t.find("h"), Value(10.0));
    EXPECT_EQ(*t.find("i"), Value(12));
    EXPECT_EQ(*t.find("j"), Value(12));
    EXPECT_EQ(*t.find("k"), str("hello"));
    EXPECT_EQ(*t.find("l"), str("x"));
    EXPECT_EQ(*t.find("m"), str("x"));
    EXPECT_EQ(*t.find("n"), str(""));
}

TEST(YamlPsych, WhatJekyllRefusesIsAParseError) {
    EXPECT_NE(error_of("a: !ruby/object:Set {}\n", YamlDialect::Psych)
                  .find("refuses tag !ruby/object:Set"),
              std::string::npos);
    EXPECT_NE(error_of("a: !ruby/sym foo\n", YamlDialect::Psych).find("refuses"),
              std::string::npos);
    EXPECT_NE(error_of("a: !!set {b: 1}\n", YamlDialect::Psych).find("refuses"), std::string::npos);
    EXPECT_NE(error_of(":a: b\n", YamlDialect::Psych).find("symbol"), std::string::npos);
    EXPECT_NE(error_of("a: 0b_\n", YamlDialect::Psych).find("Integer()"), std::string::npos);
    EXPECT_NE(error_of("a: +.e+5\n", YamlDialect::Psych).find("Float()"), std::string::npos);
    EXPECT_NE(error_of("a: !!float abc\n", YamlDialect::Psych).find("Float()"), std::string::npos);
    EXPECT_NE(error_of("a: !!float ~\n", YamlDialect::Psych).find("Float"), std::string::npos);
    // Not Psych's problem in Hugo.
    EXPECT_EQ(error_of("a: :foo\nb: !ruby/object:Set {}\n", YamlDialect::GoYaml), "<no error>");
}

TEST(YamlPsych, IntegersBeyond64BitsStayStringsWithAWarning) {
    Warnings warnings;
    EXPECT_EQ(scalar("99999999999999999999999", YamlDialect::Psych, &warnings),
              str("99999999999999999999999"));
    EXPECT_EQ(kinds(warnings), std::vector<WarningKind>{WarningKind::TypeChanged});
    EXPECT_EQ(psych("-9223372036854775808"), Value(std::numeric_limits<std::int64_t>::min()));
    EXPECT_EQ(psych("9223372036854775807"), Value(std::numeric_limits<std::int64_t>::max()));
}

// ---------------------------------------------------------------------------
// yaml.v2 (Hugo)

TEST(YamlGo, ScalarTypes) {
    for (const char* s : {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})
        EXPECT_EQ(go(s), Value(true)) << s;
    for (const char* s :
         {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})
        EXPECT_EQ(go(s), Value(false)) << s;
    for (const char* s : {"yEs", "tRUE", "nULL", "oN"}) EXPECT_EQ(go(s), str(s)) << s;
    for (const char* s : {"~", "null", "Null", "NULL", ""}) EXPECT_EQ(go(s), Value()) << s;
    EXPECT_EQ(go("42"), Value(42));
    EXPECT_EQ(go("+1"), Value(1));
    EXPECT_EQ(go("-0"), Value(0));
    EXPECT_EQ(go("0755"), Value(493));
    EXPECT_EQ(go("0o755"), Value(493));
    EXPECT_EQ(go("0x1F"), Value(31));
    EXPECT_EQ(go("0b101"), Value(5));
    EXPECT_EQ(go("-0b101"), Value(-5));
    EXPECT_EQ(go("1_000"), Value(1000));
    EXPECT_EQ(go("0189"), Value(189.0));  // not octal, so yamlStyleFloat
    EXPECT_EQ(go("1e3"), Value(1000.0));
    EXPECT_EQ(go("1.5"), Value(1.5));
    EXPECT_EQ(go(".5"), Value(0.5));
    EXPECT_EQ(go("1."), Value(1.0));
    EXPECT_EQ(go("-0.0"), Value(-0.0));
    EXPECT_EQ(go(".inf"), Value(inf()));
    EXPECT_EQ(go("-.Inf"), Value(-inf()));
    EXPECT_EQ(go("+.INF"), Value(inf()));
    EXPECT_TRUE(std::isnan(go(".NaN").as_float()));
    for (const char* s :
         {"1:30", "07:32:00", "1,000", "1.2.3", "inf", ".iNf", "1e400", "0x", "trueish", "-x"})
        EXPECT_EQ(go(s), str(s)) << s;
}

TEST(YamlGo, Timestamps) {
    EXPECT_EQ(go("2002-12-14"), date(2002, 12, 14));
    EXPECT_EQ(go("2021-9-7"), date(2021, 9, 7));
    EXPECT_EQ(go("2001-12-14t21:59:43.10-05:00"), datetime("2001-12-14T21:59:43.10-05:00"));
    EXPECT_EQ(go("2001-12-14 21:59:43.10 -5"), datetime("2001-12-14 21:59:43.10-05:00"));
    EXPECT_EQ(go("2021-09-27T10:00:00Z"), datetime("2021-09-27T10:00:00Z"));
    EXPECT_EQ(go("2021-09-27 10:00:00 +0200"), datetime("2021-09-27 10:00:00+0200"));
    EXPECT_EQ(go("2021-09-27 10:00:00"), datetime("2021-09-27 10:00:00"));
    EXPECT_EQ(go("2021-09-27T10:00:00"), datetime("2021-09-27T10:00:00"));
    for (const char* s : {"2021-02-30", "2021-09-27 10:00", "2021-09-27 24:00:00", "12021-01-01"})
        EXPECT_EQ(go(s), str(s)) << s;
}

TEST(YamlGo, TagsFollowYamlV2) {
    Table t = parse(
        "a: !!str 12\nb: !!int \"12\"\nc: !!float 1\nd: !!bool yes\ne: !foo 12\nf: ! 12\n"
        "g: !!timestamp 2021-01-01\nh: !!binary aGVsbG8=\n",
        YamlDialect::GoYaml);
    EXPECT_EQ(*t.find("a"), str("12"));
    EXPECT_EQ(*t.find("b"), Value(12));
    EXPECT_EQ(*t.find("c"), Value(1.0));
    EXPECT_EQ(*t.find("d"), Value(true));
    EXPECT_EQ(*t.find("e"), str("12"));
    EXPECT_EQ(*t.find("f"), str("12"));
    EXPECT_EQ(*t.find("g"), date(2021, 1, 1));
    EXPECT_EQ(*t.find("h"), str("hello"));
    EXPECT_NE(error_of("a: !!int abc\n", YamlDialect::GoYaml)
                  .find("cannot decode !!str `abc` as a !!int"),
              std::string::npos);
    EXPECT_NE(error_of("a: !!bool 1\n", YamlDialect::GoYaml).find("cannot decode"),
              std::string::npos);
}

TEST(YamlGo, WarnsWhereHugoVersionsDisagree) {
    for (const char* s : {"yes", "n", "Off", "0755", "0189", "1_000", "0b101"}) {
        Warnings warnings;
        scalar(s, YamlDialect::GoYaml, &warnings);
        EXPECT_EQ(kinds(warnings), std::vector<WarningKind>{WarningKind::AmbiguousYaml}) << s;
    }
    for (const char* s :
         {"true", "False", "42", "0o755", "0x1F", "1e3", "'yes'", "hello", "2021-09-27"}) {
        Warnings warnings;
        scalar(s, YamlDialect::GoYaml, &warnings);
        EXPECT_TRUE(warnings.empty()) << s;
    }
    Warnings psych_warnings;
    scalar("yes", YamlDialect::Psych, &psych_warnings);
    EXPECT_TRUE(psych_warnings.empty());
}

// ---------------------------------------------------------------------------
// Structure

TEST(YamlStructure, KeepsKeyOrderAndLines) {
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Table t = parse("zeta: 1\nalpha:\n  b: 2\n  a: [3, 4]\nmid: x\n", dialect);
        std::vector<std::string> keys;
        for (const auto& entry : t) keys.push_back(entry.key);
        EXPECT_EQ(keys, (std::vector<std::string>{"zeta", "alpha", "mid"}));
        EXPECT_EQ(t.find("zeta")->line(), 2);  // the text starts on line 2 of the file
        EXPECT_EQ(t.find("alpha")->as_table().find("b")->line(), 4);
        EXPECT_EQ(t.find("alpha")->as_table().find("a")->as_array()[1].line(), 5);
        EXPECT_EQ(t.find("mid")->line(), 6);
        std::vector<std::string> inner;
        for (const auto& entry : t.find("alpha")->as_table()) inner.push_back(entry.key);
        EXPECT_EQ(inner, (std::vector<std::string>{"b", "a"}));
    }
}

TEST(YamlStructure, EmptyAndNullDocumentsAreEmptyTables) {
    for (const char* text : {"", "\n", "# only a comment\n", "~\n", "null\n", "---\n"})
        EXPECT_TRUE(parse(text, YamlDialect::Psych).empty()) << text;
    EXPECT_TRUE(parse(std::string_view(), YamlDialect::GoYaml).empty());
}

TEST(YamlStructure, ReadsCrlfText) {
    Table t = parse("a: 1\r\nb: x y\r\nc:\r\n  - z\r\n", YamlDialect::Psych);
    EXPECT_EQ(*t.find("a"), Value(1));
    EXPECT_EQ(*t.find("b"), str("x y"));
    EXPECT_EQ(*t.find("c"), Value(Array{Value("z")}));
}

TEST(YamlStructure, TopLevelMustBeAMapping) {
    EXPECT_NE(error_of("- a\n- b\n", YamlDialect::Psych).find("front matter must be a mapping"),
              std::string::npos);
    EXPECT_NE(error_of("just text\n", YamlDialect::GoYaml).find("front matter must be a mapping"),
              std::string::npos);
}

TEST(YamlStructure, DuplicateKeysLastValueWinsFirstPlaceKept) {
    Warnings warnings;
    Table t = parse("a: 1\nb: 2\na: 3\n", YamlDialect::Psych, &warnings);
    std::vector<std::string> keys;
    for (const auto& entry : t) keys.push_back(entry.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(*t.find("a"), Value(3));
    ASSERT_EQ(kinds(warnings), std::vector<WarningKind>{WarningKind::DuplicateKey});
    EXPECT_EQ(warnings.all()[0].where.line, 4);
    EXPECT_NE(warnings.all()[0].message.find("first at line 2"), std::string::npos);
}

TEST(YamlStructure, NonStringKeysKeepTheirTextWithAWarning) {
    Warnings warnings;
    Table t = parse("1: a\ntrue: b\non: c\nnull: d\n~: e\n2021-09-27: f\ntitle: g\n",
                    YamlDialect::Psych, &warnings);
    std::vector<std::string> keys;
    for (const auto& entry : t) keys.push_back(entry.key);
    EXPECT_EQ(keys,
              (std::vector<std::string>{"1", "true", "on", "null", "~", "2021-09-27", "title"}));
    EXPECT_EQ(warnings.all().size(), 6u);
    for (const Warning& w : warnings.all()) EXPECT_EQ(w.kind, WarningKind::NonStringKey);
    EXPECT_NE(error_of("[a]: 1\n", YamlDialect::Psych).find("key must be a scalar"),
              std::string::npos);
    Warnings quoted;
    parse("'1': a\n\"true\": b\n", YamlDialect::Psych, &quoted);
    EXPECT_TRUE(quoted.empty());
}

TEST(YamlStructure, AnchorsAreCopied) {
    Table t = parse("base: &b {x: 1, y: [1, 2]}\ncopy: *b\nname: &n hello\nagain: *n\n",
                    YamlDialect::Psych);
    EXPECT_EQ(*t.find("copy"), *t.find("base"));
    EXPECT_EQ(*t.find("again"), str("hello"));
}

TEST(YamlStructure, MergeKeysAsPsychAndYamlV2Do) {
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Table t = parse(
            "base: &b {a: 1, c: 3}\nother: &o {a: 9, d: 4}\n"
            "one:\n  <<: *b\n  c: 30\n"
            "list:\n  <<: [*b, *o]\n"
            "before:\n  a: 0\n  <<: *b\n",
            dialect);
        const Table& one = t.find("one")->as_table();
        EXPECT_EQ(*one.find("a"), Value(1));
        EXPECT_EQ(*one.find("c"), Value(30));
        const Table& list = t.find("list")->as_table();
        EXPECT_EQ(*list.find("a"), Value(1));  // earlier maps win
        EXPECT_EQ(*list.find("d"), Value(4));
        // Hash#merge! replaces a key given before the merge.
        EXPECT_EQ(*t.find("before")->as_table().find("a"), Value(1));
    }
    // A quoted "<<" still merges in Psych; only !!str stops it. yaml.v2 merges plain ones only.
    EXPECT_EQ(*parse("'<<': {a: 2}\n", YamlDialect::Psych).find("a"), Value(2));
    Table two;
    two.set("a", 2);
    EXPECT_EQ(*parse("'<<': {a: 2}\n", YamlDialect::GoYaml).find("<<"), Value(two));
    EXPECT_NE(parse("!!str <<: {a: 2}\n", YamlDialect::Psych).find("<<"), nullptr);
    // Psych keeps a "<<" whose value is not a map as an ordinary key; yaml.v2 fails.
    EXPECT_EQ(*parse("<<: 3\n", YamlDialect::Psych).find("<<"), Value(3));
    EXPECT_NE(error_of("<<: 3\n", YamlDialect::GoYaml).find("map merge"), std::string::npos);
}

TEST(YamlStructure, ErrorsPointIntoTheFile) {
    // "  c: d" on the second line of the text: file line 11, column 4.
    SourceLocation origin{"content/post.md", 10, 1};
    EXPECT_EQ(error_of("a: b\n  c: d\n", YamlDialect::Psych, origin),
              "content/post.md:11:4: invalid YAML: mapping values are not allowed in this context");
    // On the first line, the text's own column counts.
    SourceLocation inline_origin{"p.md", 3, 5};
    EXPECT_EQ(error_of("a: :sym\n", YamlDialect::Psych, inline_origin).substr(0, 9), "p.md:3:8:");
    EXPECT_EQ(error_of("a: 1\nb: !ruby/object:Foo {}\n", YamlDialect::Psych, origin).substr(0, 21),
              "content/post.md:11:4:");
    // Columns count bytes and lines end at '\n' only, although libyaml counts
    // characters and also breaks lines at LS (U+2028).
    EXPECT_EQ(error_of("t\xC3\xAFtle: :sym\n", YamlDialect::Psych, origin).substr(0, 21),
              "content/post.md:10:9:");
    EXPECT_EQ(error_of("# note\xE2\x80\xA8\nb: :sym\n", YamlDialect::Psych, origin).substr(0, 21),
              "content/post.md:11:4:");
    // A quoted scalar that never closes is reported where it starts; a
    // collection that never closes where the parser gave up.
    EXPECT_EQ(error_of("a: 1\nq: \"open\nb: 2\n", YamlDialect::Psych, origin),
              "content/post.md:11:4: invalid YAML: found unexpected end of stream while scanning a "
              "quoted scalar");
    EXPECT_EQ(error_of("a: [1, 2\n", YamlDialect::GoYaml, origin),
              "content/post.md:11:1: invalid YAML: did not find expected ',' or ']' while parsing a "
              "flow sequence started at line 10");
    // Characters YAML does not allow, at their byte.
    EXPECT_EQ(error_of("a: 1\nb: x\x01\n", YamlDialect::GoYaml, origin),
              "content/post.md:11:5: invalid YAML: control characters are not allowed (0x01)");
}

TEST(YamlStructure, AliasesToUnknownOrEnclosingNodesAreErrors) {
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        EXPECT_EQ(error_of("a: *nope\n", dialect), "post.md:2:4: alias *nope refers to an unknown anchor");
        EXPECT_EQ(error_of("a: &x [1, *x]\n", dialect),
                  "post.md:2:11: an alias refers to the node that contains it");
        // The alias refers to the node being defined, not to an earlier &x.
        EXPECT_EQ(error_of("a: &x 1\nb: &x [*x]\n", dialect),
                  "post.md:3:8: an alias refers to the node that contains it");
    }
}

TEST(YamlStructure, NestingDeeperThanFrontMatterIsAnError) {
    auto nested = [](int levels) {
        return "a: " + std::string(levels, '[') + std::string(levels, ']') + "\n";
    };
    EXPECT_EQ(parse(nested(500), YamlDialect::GoYaml).size(), 1u);
    EXPECT_NE(error_of(nested(600), YamlDialect::Psych).find("nested deeper than 512 levels"),
              std::string::npos);
}

// ---------------------------------------------------------------------------
// Writing

TEST(YamlWrite, CanonicalBlockStyle) {
    Table nested;
    nested.set("b", 1);
    nested.set("list", Array{Value("x"), Value(Array{Value(1), Value(2)}), Value(Table{})});
    Table item;
    item.set("name", "n");
    item.set("on", true);
    Table t;
    t.set("title", "Hello");
    t.set("draft", false);
    t.set("weight", 10);
    t.set("ratio", 0.5);
    t.set("whole", 2.0);
    t.set("huge", 1e300);
    t.set("none", nullptr);
    t.set("date", datetime("2021-09-27T10:00:00+02:00"));
    t.set("day", datetime("2021-09-27"));
    t.set("tags", Array{Value("a"), Value("yes")});
    t.set("empty", Array{});
    t.set("map", Table{});
    t.set("nested", nested);
    t.set("items", Array{Value(item)});
    EXPECT_EQ(write_yaml(t),
              "title: Hello\n"
              "draft: false\n"
              "weight: 10\n"
              "ratio: 0.5\n"
              "whole: 2.0\n"
              "huge: 1.0e+300\n"
              "none: null\n"
              "date: 2021-09-27T10:00:00+02:00\n"
              "day: 2021-09-27\n"
              "tags:\n"
              "  - a\n"
              "  - \"yes\"\n"
              "empty: []\n"
              "map: {}\n"
              "nested:\n"
              "  b: 1\n"
              "  list:\n"
              "    - x\n"
              "    - - 1\n"
              "      - 2\n"
              "    - {}\n"
              "items:\n"
              "  - name: \"n\"\n"
              "    \"on\": true\n");
    EXPECT_EQ(write_yaml(Table{}), "{}\n");
}

TEST(YamlWrite, QuotesAndEscapes) {
    Table t;
    t.set("a", "line\nbreak\t\"q\" \\ \x01\x7F");
    t.set("b", "caf\xC3\xA9");
    t.set("c", "\xE2\x80\xA8");
    EXPECT_EQ(write_yaml(t),
              "a: \"line\\nbreak\\t\\\"q\\\" \\\\ \\x01\\x7F\"\nb: caf\xC3\xA9\nc: \"\\u2028\"\n");
    Table bad;
    bad.set("a", "\xFF");
    EXPECT_THROW(write_yaml(bad), std::invalid_argument);
    Table time;
    time.set("t", datetime("07:32:00"));
    EXPECT_THROW(write_yaml(time), std::invalid_argument);
}

TEST(YamlWrite, FloatsAlwaysReadAsFloats) {
    auto text = [](double d) {
        Table t;
        t.set("f", d);
        std::string out = write_yaml(t);
        return out.substr(3, out.size() - 4);
    };
    EXPECT_EQ(text(1.0), "1.0");
    EXPECT_EQ(text(-0.0), "-0.0");
    EXPECT_EQ(text(1e300), "1.0e+300");
    EXPECT_EQ(text(1.5e-7), "1.5e-07");
    EXPECT_EQ(text(inf()), ".inf");
    EXPECT_EQ(text(-inf()), "-.inf");
    EXPECT_EQ(text(std::nan("")), ".nan");
}

TEST(YamlWrite, RoundTripsEveryTypeUnderBothDialects) {
    Table original = every_type();
    std::string text = write_yaml(original);
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Warnings warnings;
        Table back = parse_yaml(text, dialect, kOrigin, warnings);
        EXPECT_EQ(back, original) << text;
        // Nothing written is ambiguous or a non-string key.
        EXPECT_TRUE(warnings.empty())
            << (warnings.empty() ? "" : format_warning(warnings.all()[0]));
        ASSERT_EQ(back.size(), original.size());
        auto a = original.begin();
        for (auto b = back.begin(); b != back.end(); ++a, ++b) {
            EXPECT_EQ(a->key, b->key);
            EXPECT_EQ(a->value, b->value) << a->key;
        }
    }
}

// ---------------------------------------------------------------------------
// Against the real Psych (Ruby, as Debian's jekyll brings it)

namespace {

// Loads a YAML file as Jekyll does and prints one JSON line per key:
// [key, description], where a description is [class, value] for scalars and
// [class, [descriptions]] / [class, [[key, description]...]] for collections.
constexpr const char* kRubyScript = R"RUBY(
require 'json'
require 'yaml'
require 'date'
def describe(v)
  case v
  when Hash then ['Hash', v.map { |k, x| [k.to_s, describe(x)] }]
  when Array then ['Array', v.map { |x| describe(x) }]
  when Float then ['Float', v.nan? ? 'nan' : [v].pack('G').unpack1('H*')]
  when Time then ['Time', v.strftime('%Y-%m-%dT%H:%M:%S.%N') + ' ' + v.utc_offset.to_s + ' ' + v.utc?.to_s]
  when Date then ['Date', v.strftime('%Y-%m-%d')]
  when String then ['String', v]
  when Integer then ['Integer', v.to_s]
  when nil then ['NilClass', '']
  when true, false then [v.class.name, v.to_s]
  else [v.class.name, v.inspect]
  end
end
begin
  data = Psych.safe_load(File.read(ARGV[0]), permitted_classes: [Date, Time], aliases: true)
  data.each { |k, v| puts JSON.generate([k.to_s, describe(v)]) }
rescue Exception => e
  puts JSON.generate(['!error', [e.class.name, e.message]])
end
)RUBY";

bool ruby_available() { return std::system("ruby -e 'exit 0' >/dev/null 2>&1") == 0; }

nlohmann::json describe(const Value& value) {
    using nlohmann::json;
    switch (value.type()) {
        case ValueType::Null: return json::array({"NilClass", ""});
        case ValueType::Bool:
            return json::array(
                {value.as_bool() ? "TrueClass" : "FalseClass", value.as_bool() ? "true" : "false"});
        case ValueType::Integer:
            return json::array({"Integer", std::to_string(value.as_integer())});
        case ValueType::Float: {
            if (std::isnan(value.as_float())) return json::array({"Float", "nan"});
            char hex[17];
            std::snprintf(
                hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(value.as_float())));
            return json::array({"Float", hex});
        }
        case ValueType::String: return json::array({"String", value.as_string()});
        case ValueType::LocalDate: {
            const Date& d = *value.as_datetime().date;
            char text[16];
            std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
            return json::array({"Date", text});
        }
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime: {
            // Ruby prints the wall time in the value's own offset; local
            // date-times are UTC instants (the test runs Ruby with TZ=UTC).
            const DateTime& dt = value.as_datetime();
            std::string fraction = (dt.time->fraction + "000000000").substr(0, 9);
            char text[64];
            std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.", dt.date->year,
                          dt.date->month, dt.date->day, dt.time->hour, dt.time->minute,
                          dt.time->second);
            int offset = dt.offset ? dt.offset->minutes * 60 : 0;
            bool utc = dt.offset && dt.offset->style == UtcOffset::Style::Zulu;
            return json::array({"Time", std::string(text) + fraction + " " +
                                            std::to_string(offset) + " " +
                                            (utc ? "true" : "false")});
        }
        case ValueType::LocalTime: return json::array({"LocalTime", ""});
        case ValueType::Array: {
            json items = json::array();
            for (const Value& item : value.as_array()) items.push_back(describe(item));
            return json::array({"Array", items});
        }
        case ValueType::Table: {
            json entries = json::array();
            for (const auto& entry : value.as_table())
                entries.push_back(json::array({entry.key, describe(entry.value)}));
            return json::array({"Hash", entries});
        }
    }
    return nullptr;
}

// Runs the Ruby loader on `yaml`; the lines it printed, parsed.
std::vector<nlohmann::json> load_with_ruby(const std::string& yaml, const std::string& name) {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("postport_yaml_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path script = dir / "load.rb";
    fs::path input = dir / (name + ".yml");
    fs::path output = dir / (name + ".jsonl");
    std::ofstream(script) << kRubyScript;
    std::ofstream(input, std::ios::binary) << yaml;
    std::string command = "TZ=UTC ruby '" + script.string() + "' '" + input.string() + "' > '" +
                          output.string() + "' 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
    std::vector<nlohmann::json> lines;
    std::ifstream in(output);
    for (std::string line; std::getline(in, line);) {
        try {
            lines.push_back(nlohmann::json::parse(line));
        } catch (const nlohmann::json::exception&) {
            ADD_FAILURE() << "ruby printed: " << line;
        }
    }
    fs::remove_all(dir);
    return lines;
}

void expect_same_as_ruby(const Table& ours, const std::vector<nlohmann::json>& ruby,
                         const std::string& yaml) {
    ASSERT_FALSE(ruby.empty());
    ASSERT_NE(ruby[0][0], "!error") << ruby[0].dump() << "\n" << yaml;
    ASSERT_EQ(ruby.size(), ours.size()) << yaml;
    std::size_t i = 0;
    for (const auto& entry : ours) {
        EXPECT_EQ(ruby[i][0], entry.key);
        EXPECT_EQ(ruby[i][1], describe(entry.value)) << "key " << entry.key << " in\n" << yaml;
        ++i;
    }
}

}  // namespace

TEST(YamlRealPsych, ReadsWhatWeWriteWithTheSameTypes) {
    if (!ruby_available()) GTEST_SKIP() << "ruby is not on PATH";
    Table original = every_type();
    std::string yaml = write_yaml(original);
    expect_same_as_ruby(original, load_with_ruby(yaml, "written"), yaml);
    // A "<<" key holding a map stays a key.
    Table with_map;
    Table inner;
    inner.set("a", 1);
    with_map.set("<<", inner);
    std::string merge_yaml = write_yaml(with_map);
    expect_same_as_ruby(with_map, load_with_ruby(merge_yaml, "merge"), merge_yaml);
}

// Strings that start like a number, a date, a word a reader takes for a
// bool or null, or like nothing in particular: each is written so that every
// reader reads that very string back (plain where that is safe, else quoted).
Table lookalike_strings() {
    Table table;
    int n = 0;
    auto add = [&](const std::string& text) { table.set("k" + std::to_string(n++), text); };
    for (std::string word : {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nil", "inf", "nan",
                             "ye", "yesss", "truest", "nulls", "offset", "Falsey", "nothing"})
        for (int form = 0; form < 3; ++form) {
            std::string text = word;
            for (std::size_t i = 0; i < text.size(); ++i)
                if (form == 2 || (form == 1 && i == 0)) text[i] = static_cast<char>(std::toupper(text[i]));
            add(text);
        }
    for (const char* text : {"1", "1.0", "1e3", "0x1F", "0o17", "0b101", "1_000", "1:30", "2021-09-27", ".inf",
                             "-.inf", ".nan", "+1", "~", "=", "<<", "/post/p5/", "_draft", "(note)", "1st place",
                             "caf\xC3\xA9", "\xC3\xA9t\xC3\xA9", "a.png", "A", "v1.0", "TODO:later"})
        add(text);
    return table;
}

TEST(YamlWrite, StringsThatLookLikeOtherValuesComeBackAsStrings) {
    const Table original = lookalike_strings();
    const std::string text = write_yaml(original);
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Warnings warnings;
        const Table read = parse_yaml(text, dialect, kOrigin, warnings);
        EXPECT_TRUE(warnings.empty()) << warnings.all().size() << " warnings";
        ASSERT_EQ(read.size(), original.size());
        for (const auto& entry : original) {
            const Value* back = read.find(entry.key);
            ASSERT_NE(back, nullptr) << entry.key;
            EXPECT_TRUE(back->is_string() && back->as_string() == entry.value.as_string())
                << entry.value.as_string() << " came back as " << describe(*back) << " in\n" << text;
        }
    }
    // A text that cannot be anything else is not quoted.
    EXPECT_NE(text.find(": /post/p5/\n"), std::string::npos) << text;
    EXPECT_NE(text.find(": Falsey\n"), std::string::npos) << text;
}

TEST(YamlRealPsych, ReadsLookalikeStringsAsStrings) {
    if (!ruby_available()) GTEST_SKIP() << "ruby is not on PATH";
    const Table original = lookalike_strings();
    const std::string yaml = write_yaml(original);
    expect_same_as_ruby(original, load_with_ruby(yaml, "lookalikes"), yaml);
}

TEST(YamlRealPsych, TypesPlainScalarsAsRubyDoes) {
    if (!ruby_available()) GTEST_SKIP() << "ruby is not on PATH";
    const std::vector<std::string> scalars = {"0755",
                                              "0189",
                                              "1_000",
                                              "1,000",
                                              "1:30",
                                              "07:32:00",
                                              "1e3",
                                              "1.0",
                                              ".inf",
                                              "-.Inf",
                                              ".NaN",
                                              "y",
                                              "n",
                                              "Yes",
                                              "OFF",
                                              "~",
                                              "",
                                              "2021-09-27",
                                              "2021-9-7",
                                              "2021-09-27 23:30:00",
                                              "2021-09-27 23:30",
                                              "2021-09-27T10:00:00+02:00",
                                              "2021-02-30",
                                              "0x1F",
                                              "0b101",
                                              "+1",
                                              "-0",
                                              "1.2.3",
                                              "null",
                                              "Null",
                                              "NULL",
                                              "nULL",
                                              "trueish",
                                              "1.e+3",
                                              "1.5e3",
                                              "-1:30",
                                              "1:30.5",
                                              "1_2:30",
                                              "0_7",
                                              "09",
                                              "00",
                                              "-0b101",
                                              "+.nan",
                                              "._5",
                                              "1.0e+400",
                                              "1,000.5",
                                              "2021-02-30 10:00:00",
                                              "2021-02-28 24:00:00",
                                              "2021-02-28 23:59:60.5 +01:00",
                                              "2021-02-28 23:59:00 -00:30",
                                              "2021-02-28 23:59:00 +053",
                                              "2021-2-8 3:59:00 +5",
                                              "2021-09-27t10:00:00.123456789Z",
                                              "2021-09-27 10:00:00 +24",
                                              "1500-02-29",
                                              "1582-10-10",
                                              "1900-02-29",
                                              "tRuE",
                                              "oN",
                                              "hello world",
                                              "-x",
                                              "1:60",
                                              "190:20:30",
                                              "-.5",
                                              "1."};
    std::string yaml;
    for (std::size_t i = 0; i < scalars.size(); ++i)
        yaml += "k" + std::to_string(i) + ": " + scalars[i] + "\n";
    yaml += "multi: on\n\n  no\n";
    yaml += "tagged: !!int \"0755\"\n";
    yaml += "float_tag: !!float 1\n";
    yaml += "bang: ! 12\n";
    yaml += "merged:\n  <<: [{a: 1}, {a: 2, b: 2}]\n  c: 3\n";
    yaml += "merge_nothing:\n  a: 1\n  <<: []\n";
    yaml += "merge_null:\n  <<: ~\n";
    yaml += "list: &list [1, 2]\nmerge_list_alias:\n  <<: *list\n";
    Warnings warnings;
    Table ours = parse_yaml(yaml, YamlDialect::Psych, kOrigin, warnings);
    expect_same_as_ruby(ours, load_with_ruby(yaml, "scalars"), yaml);
    EXPECT_TRUE(warnings.empty());

    // The one deliberate difference: Ruby's Integer is unbounded, the model's
    // is int64, so a longer integer stays a string, with a warning.
    std::string big = "big: 99999999999999999999\n";
    std::vector<nlohmann::json> ruby = load_with_ruby(big, "big");
    ASSERT_EQ(ruby.size(), 1u);
    EXPECT_EQ(ruby[0][1], nlohmann::json::array({"Integer", "99999999999999999999"}));
    Warnings big_warnings;
    EXPECT_EQ(*parse_yaml(big, YamlDialect::Psych, kOrigin, big_warnings).find("big"),
              Value("99999999999999999999"));
    EXPECT_EQ(kinds(big_warnings), std::vector<WarningKind>{WarningKind::TypeChanged});
}

TEST(YamlRealPsych, RefusesWhatRubyRefuses) {
    if (!ruby_available()) GTEST_SKIP() << "ruby is not on PATH";
    for (const char* yaml : {"a: :foo\n", "a: !ruby/object:Set {}\n", "a: 0b_\n", "a: +.e+5\n",
                             "a: !!float abc\n", "a: 2021-02-28\t23:59:00\n"}) {
        std::vector<nlohmann::json> ruby = load_with_ruby(yaml, "refused");
        ASSERT_FALSE(ruby.empty());
        EXPECT_EQ(ruby[0][0], "!error") << yaml;
        EXPECT_NE(error_of(yaml, YamlDialect::Psych), "<no error>") << yaml;
    }
}
