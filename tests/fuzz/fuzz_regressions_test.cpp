// Inputs the fuzzers in fuzz/ found, minimized: each once crashed or broke a
// promise (a reader throwing something other than ParseError, a writer
// refusing what a reader produced).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/codecs.h"
#include "tests/support/convert.h"

namespace postport::test {
namespace {

const SourceLocation kOrigin{"post.md", 2, 1};

// fuzz_yaml_psych, fuzz_yaml_go: `!!binary` decoding to bytes that are not
// UTF-8 was read as a string no writer accepts (std::invalid_argument escaped
// from the conversion). It is bad input now, at its line.
TEST(FuzzRegressions, BinaryScalarThatIsNotUtf8IsAParseError) {
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Warnings warnings;
        try {
            (void)parse_yaml("title: x\nk: !!binary /w==\n", dialect, kOrigin, warnings);
            ADD_FAILURE() << "no ParseError";
        } catch (const ParseError& error) {
            EXPECT_EQ(error.where().line, 3);
        }
    }
    Warnings warnings;
    Table table = parse_yaml("k: !!binary aGVsbG8=\n", YamlDialect::Psych, kOrigin, warnings);
    EXPECT_EQ(at(table, "k"), Value("hello"));
}

TEST(FuzzRegressions, JekyllPostWithNonUtf8BinaryIsRefusedNotThrown) {
    EXPECT_THROW(convert("jekyll", "hugo", "---\nk: !!binary /w==\n---\nbody\n", "_posts/2021-09-27-x.md"),
                 ParseError);
}

// fuzz_yaml_psych: Psych reads a year with a minus sign as a time, which no
// writer can spell (std::invalid_argument escaped from the conversion).
TEST(FuzzRegressions, PsychTimeWithNegativeYearIsAParseError) {
    Warnings warnings;
    EXPECT_THROW((void)parse_yaml("date: -2020-05-02T10:00:00-04:00\n", YamlDialect::Psych, kOrigin, warnings),
                 ParseError);
    EXPECT_THROW(convert("jekyll", "hugo", "---\ndate: -2020-05-02 10:00:00\n---\n", "_posts/2021-09-27-x.md"),
                 ParseError);
}

// fuzz_yaml_go: the reader then (yaml-cpp) decoded \N and \_ to lone bytes,
// not UTF-8, which the YAML writer refused.
TEST(FuzzRegressions, YamlNextLineAndNonBreakingSpaceEscapesAreUtf8) {
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Warnings warnings;
        Table table = parse_yaml("a: \"x\\Ny\\_z\"\n\"k\\N\": \"\\xe9\"\n", dialect, kOrigin, warnings);
        EXPECT_EQ(at(table, "a"), Value("x\u0085y\u00A0z"));
        EXPECT_EQ(at(table, "k\u0085"), Value("\u00E9"));
        EXPECT_EQ(parse_yaml(write_yaml(table), dialect, kOrigin, warnings), table);
    }
}

// fuzz_yaml_go: a key longer than YAML's 1024-character limit for implicit
// keys was written as one, and did not read back.
TEST(FuzzRegressions, YamlKeyLongerThanAnImplicitKeyIsWrittenExplicitly) {
    Table table;
    table.set(std::string(1100, 'k'), Value(1));
    Table nested;
    nested.set("a", Value("b"));
    table.set(std::string(1100, 'n'), Value(nested));
    table.set("after", Value(true));
    for (YamlDialect dialect : {YamlDialect::Psych, YamlDialect::GoYaml}) {
        Warnings warnings;
        EXPECT_EQ(parse_yaml(write_yaml(table), dialect, kOrigin, warnings), table);
    }
}

// fuzz_toml: 300 levels of dotted keys were read, then written as nested
// inline tables deeper than a TOML reader takes (toml++ stops at 256).
TEST(FuzzRegressions, TomlNestedBeyondWhatCanBeWrittenBackIsAParseError) {
    std::string deep = "title = \"x\"\nk";
    for (int i = 0; i < 300; ++i) deep += ".k";
    deep += " = 1\nafter = 2\n";
    EXPECT_THROW((void)parse_toml(deep, kOrigin), ParseError);
    std::string fine = "k";
    for (int i = 0; i < 50; ++i) fine += ".k";
    fine += " = 1\nafter = 2\n";
    Table table = parse_toml(fine, kOrigin);
    EXPECT_EQ(parse_toml(write_toml(table), kOrigin), table);
}

}  // namespace
}  // namespace postport::test
