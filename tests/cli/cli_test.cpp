// The postport executable: commands, usage errors, bad input (located,
// reported, nothing written, the input untouched), directory mode, --force
// and --strict.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/convert.h"

using namespace postport::test;

namespace {

using Strings = std::vector<std::string>;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The summary line of a directory conversion, as numbers.
struct Summary {
    bool found = false;
    long files = 0, converted = 0, restored = 0, copied = 0, failed = 0, skipped = 0, warnings = 0;
};

Summary summary_of(const std::string& err) {
    static const std::regex line(
        R"(postport: (\d+) files: (\d+) converted, (\d+) restored, (\d+) copied, (\d+) failed(?: \([^)]*\))?, (\d+) skipped(?: \([^)]*\))?; (\d+) warnings)");
    std::smatch m;
    Summary s;
    if (!std::regex_search(err, m, line)) return s;
    s.found = true;
    s.files = std::stol(m[1]);
    s.converted = std::stol(m[2]);
    s.restored = std::stol(m[3]);
    s.copied = std::stol(m[4]);
    s.failed = std::stol(m[5]);
    s.skipped = std::stol(m[6]);
    s.warnings = std::stol(m[7]);
    return s;
}

// Every input file is counted once, under one status.
void expect_counts_add_up(const Summary& s) {
    EXPECT_EQ(s.converted + s.restored + s.copied + s.failed + s.skipped, s.files);
}

// What a site conversion writes besides the converted files: the site's
// round-trip record, the minimal layouts of the target (the sites under test
// bring none), the target's config (and its record) and the templates bodies call.
bool is_site_file(const std::string& file) {
    return file == ".postport/site.json" || file == ".postport/config-extras.json" ||
           file.starts_with("_layouts/") || file.starts_with("_includes/") || file.starts_with("layouts/") ||
           file == "_config.yml" || file == "hugo.toml";
}

// The files of an output tree that were converted or copied from input files
// (articles and copies), without the site files, and the articles' round-trip
// records as "record PATH", sorted.
Strings converted_files(const fs::path& root) {
    Strings files;
    for (auto& file : list_tree(root))
        if (!is_site_file(file) && file != postport::records_file) files.push_back(std::move(file));
    for (const auto& entry : records_in(root)) files.push_back("record " + entry.first);
    std::sort(files.begin(), files.end());
    return files;
}

// The site files a conversion to `to` writes when the source has no layouts.
void expect_site_files(const fs::path& root, const std::string& to, bool record = true) {
    Strings expected = to == "jekyll"
                           ? Strings{"_layouts/default.html", "_layouts/page.html", "_layouts/post.html"}
                           : Strings{"layouts/_default/baseof.html", "layouts/_default/list.html",
                                     "layouts/_default/single.html", "layouts/index.html"};
    if (record) expected.push_back(".postport/site.json");
    for (const auto& file : expected)
        EXPECT_TRUE(fs::is_regular_file(root / file)) << file << " not written; the tree has:\n"
                                                       << ::testing::PrintToString(list_tree(root));
}

// One bad input file: conversion fails with exit 1, the message points at
// `line` (and `column` when given), nothing is written and the input is as it was.
void expect_rejected(const std::string& from, const std::string& relative, const std::string& bytes, int line,
                     int column = 0, const std::string& reason = {}) {
    TempDir site;
    TempDir out;
    const fs::path input = site / relative;
    write_bytes(input, bytes);
    const std::string to = from == "hugo" ? "jekyll" : "hugo";
    RunResult r = run_postport({"convert", "--from", from, "--to", to, input.string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string where = input.string() + ":" + std::to_string(line) + ":" +
                              (column > 0 ? std::to_string(column) + ":" : std::string());
    bool located = false;
    if (column > 0) {
        located = contains(r.err, where);
    } else {
        std::regex pattern(std::regex_replace(where, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                           R"(\d+: )");
        located = std::regex_search(r.err, pattern);
    }
    EXPECT_TRUE(located) << "expected '" << where << (column > 0 ? "" : "<column>:") << "' in:\n" << r.err;
    if (!reason.empty()) {
        EXPECT_TRUE(contains(r.err, reason)) << r.err;
    }
    EXPECT_EQ(list_tree(out.path()), Strings{}) << "something was written";
    EXPECT_TRUE(read_bytes(input) == bytes) << "the input changed";
    EXPECT_EQ(list_tree(site.path()), Strings{relative}) << "something was written beside the input";
    EXPECT_EQ(r.out, "");
}

const std::string good_hugo_post = "+++\ntitle = \"Good\"\ndate = 2021-09-27T10:00:00+02:00\n+++\nBody\n";

}  // namespace

// --- Commands ------------------------------------------------------------------

TEST(Cli, HelpListsTheCommandsAndExitCodes) {
    RunResult r = run_postport({"--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "Usage:")) << r.out;
    EXPECT_TRUE(contains(r.out, "postport convert --from FORMAT --to FORMAT")) << r.out;
    EXPECT_TRUE(contains(r.out, "--strict")) << r.out;
    EXPECT_TRUE(contains(r.out, "--force")) << r.out;
    EXPECT_TRUE(contains(r.out, "Exit codes")) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST(Cli, VersionPrintsTheProjectVersion) {
    RunResult r = run_postport({"--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, std::string("postport ") + POSTPORT_VERSION + "\n");
}

TEST(Cli, FormatsListsHugoAndJekyll) {
    RunResult r = run_postport({"formats"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(r.out.starts_with("hugo\t") || contains(r.out, "\nhugo\t")) << r.out;
    EXPECT_TRUE(contains(r.out, "\njekyll\t") || r.out.starts_with("jekyll\t")) << r.out;
}

// --- Usage errors: exit 2 --------------------------------------------------------

TEST(Cli, UsageErrorsExitTwo) {
    TempDir out;
    const std::string post = (samples_dir() / "hugo/content/about.md").string();
    const std::vector<Strings> cases = {
        {},
        {"frobnicate"},
        {"convert"},
        {"convert", "--from", "hugo", post, out.path().string()},                       // no --to
        {"convert", "--to", "jekyll", post, out.path().string()},                       // no --from
        {"convert", "--from", "hugo", "--to", "jekyll", post},                          // no OUTPUT
        {"convert", "--from", "hugo", "--to", "jekyll", post, out.path().string(), "x"},  // one too many
        {"convert", "--from", "hugo", "--to", "jekyll", "--bogus", post, out.path().string()},
        {"convert", "--from", "hugo", "--to", "jekyll", "--front-matter", "xml", post, out.path().string()},
        {"convert", "--from", "hugo", "--to", "jekyll", (samples_dir() / "hugo").string(), "-"},
    };
    for (const auto& arguments : cases) {
        RunResult r = run_postport(arguments);
        std::string shown;
        for (const auto& a : arguments) shown += " " + a;
        EXPECT_EQ(r.exit_code, 2) << "postport" << shown << "\n" << r.err;
        EXPECT_FALSE(r.err.empty()) << "postport" << shown;
    }
    EXPECT_EQ(list_tree(out.path()), Strings{});
}

TEST(Cli, UnknownFormatExitsTwo) {
    TempDir out;
    const std::string post = (samples_dir() / "hugo/content/about.md").string();
    for (const auto& [from, to] : {std::pair{"wordpress", "jekyll"}, std::pair{"hugo", "medium"}}) {
        RunResult r = run_postport({"convert", "--from", from, "--to", to, post, out.path().string()});
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_TRUE(contains(r.err, "unknown format")) << r.err;
    }
    EXPECT_EQ(list_tree(out.path()), Strings{});
}

TEST(Cli, MissingInputExitsOne) {
    TempDir out;
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", (out / "nope.md").string(),
                            (out / "o").string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_FALSE(fs::exists(out / "o"));
}

// --- Bad input: located, exit 1, nothing written, input untouched -------------------

TEST(CliBadInput, MalformedToml) {
    expect_rejected("hugo", "content/post/x.md", "+++\ntitle = \"T\"\ndate = \ntags = []\n+++\nBody\n", 3);
}

TEST(CliBadInput, MalformedTomlAfterLeadingBlankLines) {
    expect_rejected("hugo", "content/post/x.md", "\n\n+++\ntitle = \"T\"\nbroken = [1, \n+++\nBody\n", 5);
}

TEST(CliBadInput, MalformedYamlForHugo) {
    expect_rejected("hugo", "content/post/x.md", "---\ntitle: T\ndate: 2021-01-01\nbad: a: b\n---\nBody\n", 4);
}

TEST(CliBadInput, MalformedYamlForJekyll) {
    expect_rejected("jekyll", "_posts/2021-01-01-x.md", "---\ntitle: T\ntags: [a, b]\nbad: a: b\n---\nBody\n", 4);
}

TEST(CliBadInput, UnterminatedQuotedYamlString) {
    // Psych: "found unexpected end of stream while scanning a quoted scalar at
    // line 2 column 8" of the block, which is line 3 of the file.
    expect_rejected("jekyll", "_posts/2021-01-01-x.md", "---\ntitle: T\nquote: \"unterminated\nx: 1\n---\nBody\n", 3);
    expect_rejected("hugo", "content/post/x.md", "---\ntitle: T\nquote: 'unterminated\nx: 1\n---\nBody\n", 3);
}

TEST(CliBadInput, MalformedJson) {
    expect_rejected("hugo", "content/post/x.md", "{\n  \"title\": \"T\",\n  \"date\": ,\n  \"x\": 1\n}\nBody\n", 3);
}

TEST(CliBadInput, UnterminatedTomlBlock) {
    expect_rejected("hugo", "content/post/x.md", "\n+++\ntitle = \"T\"\nBody\n", 2, 1, "unterminated");
}

TEST(CliBadInput, UnterminatedJekyllBlock) {
    expect_rejected("jekyll", "_posts/2021-01-01-x.md", "---\ntitle: T\n\nBody\n", 1, 1, "unterminated");
}

TEST(CliBadInput, InvalidUtf8PointsAtTheBadByte) {
    // "title = \"caf" is 12 bytes: the stray lead byte is column 13 of line 2.
    expect_rejected("hugo", "content/post/x.md", "+++\ntitle = \"caf\xC3(\"\n+++\nBody\n", 2, 13, "UTF-8");
    expect_rejected("jekyll", "_posts/2021-01-01-x.md", "---\ntitle: T\n---\nBody\nok \xFF\n", 5, 4, "UTF-8");
}

TEST(CliBadInput, EmptyFile) {
    expect_rejected("hugo", "content/post/x.md", "", 1, 1, "empty");
    expect_rejected("jekyll", "_posts/2021-01-01-x.md", "", 1, 1, "empty");
}

TEST(CliBadInput, BinaryFile) {
    expect_rejected("hugo", "content/post/x.md", std::string("+++\ntitle = \"T\"\n+++\nab\0cd\n", 26), 4, 3,
                    "binary");
    expect_rejected("jekyll", "_posts/2021-01-01-x.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), 3, 1,
                    "binary");
}

// --- Directory mode --------------------------------------------------------------

TEST(CliDirectory, OneBadFileAmongGoodOnes) {
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    write_bytes(site / "content/post/b.md", "+++\ntitle = \"Bad\"\ndate = \n+++\nBody\n");
    write_bytes(site / "content/post/c.md", "---\ntitle: C\ndate: 2022-01-02T03:04:05Z\n---\nBody\n");
    write_bytes(site / "content/about.md", "+++\ntitle = \"About\"\n+++\nHi\n");
    const std::string bad_before = read_bytes(site / "content/post/b.md");
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, (site / "content/post/b.md").string() + ":3:")) << r.err;
    // Nothing at all for b.md; the site files are still written.
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"_posts/post/2021-09-27-a.md", "_posts/post/2022-01-02-c.md", "about.md", "record _posts/post/2021-09-27-a.md", "record _posts/post/2022-01-02-c.md", "record about.md"}));
    expect_site_files(out.path(), "jekyll");
    EXPECT_EQ(read_bytes(site / "content/post/b.md"), bad_before);
    Summary s = summary_of(r.err);
    ASSERT_TRUE(s.found) << r.err;
    EXPECT_EQ(s.files, 4);
    EXPECT_EQ(s.converted, 3);
    EXPECT_EQ(s.copied, 0);
    EXPECT_EQ(s.failed, 1);
    expect_counts_add_up(s);
}

TEST(CliDirectory, NonEmptyOutputIsRefusedWithoutForce) {
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    write_bytes(out / "keep.txt", "mine\n");
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_TRUE(contains(r.err, "--force")) << r.err;
    EXPECT_EQ(list_tree(out.path()), Strings{"keep.txt"});
    EXPECT_EQ(read_bytes(out / "keep.txt"), "mine\n");

    RunResult forced = run_postport(
        {"convert", "--from", "hugo", "--to", "jekyll", "--force", site.path().string(), out.path().string()});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"_posts/post/2021-09-27-a.md", "keep.txt", "record _posts/post/2021-09-27-a.md"}));
    expect_site_files(out.path(), "jekyll");
    EXPECT_EQ(read_bytes(out / "keep.txt"), "mine\n");
}

TEST(CliDirectory, NewOutputAppearsWholeAndNothingIsLeftBeside) {
    TempDir site;
    TempDir work;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    // A new folder named with a trailing slash, in a folder that does not exist yet.
    const fs::path out = work / "new/out";
    RunResult r = run_postport(
        {"convert", "--from", "hugo", "--to", "jekyll", site.path().string(), out.string() + "/"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(converted_files(out), (Strings{"_posts/post/2021-09-27-a.md", "record _posts/post/2021-09-27-a.md"}));
    // The hidden folder it was built in is gone.
    EXPECT_EQ(list_tree(work.path()).size(), list_tree(out).size()) << ::testing::PrintToString(list_tree(work.path()));

    // A conversion that fails as a whole leaves no folder at all.
    const fs::path none = work / "none";
    RunResult failed = run_postport({"convert", "--from", "hugo", "--to", "jekyll", (site / "missing").string(),
                                     none.string()});
    EXPECT_NE(failed.exit_code, 0);
    EXPECT_FALSE(fs::exists(none));
}

TEST(CliDirectory, JekyllPostWithoutADateInItsNameIsSkipped) {
    TempDir site;
    TempDir out;
    write_bytes(site / "_config.yml", "title: x\n");
    write_bytes(site / "_posts/2021-09-27-dated.md", "---\ntitle: Dated\n---\nBody\n");
    write_bytes(site / "_posts/undated.md", "---\ntitle: Undated\ndate: 2021-09-27\n---\nBody\n");
    RunResult r = run_postport({"convert", "--from", "jekyll", "--to", "hugo", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, (site / "_posts/undated.md").string())) << r.err;
    Summary s = summary_of(r.err);
    ASSERT_TRUE(s.found) << r.err;
    EXPECT_EQ(s.files, 3);
    // The dated post and _config.yml (site configs are converted too).
    EXPECT_EQ(s.converted, 2);
    EXPECT_EQ(s.failed, 0);
    // The undated post.
    EXPECT_EQ(s.skipped, 1);
    expect_counts_add_up(s);
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"content/posts/dated.md", "record content/posts/dated.md"}));
    EXPECT_TRUE(fs::is_regular_file(out / "hugo.toml")) << ::testing::PrintToString(list_tree(out.path()));
    expect_site_files(out.path(), "hugo");
}

// Issue 4's bad input: one post's broken YAML fails that post alone; Liquid
// that Hugo cannot run (a plugin tag, an unclosed raw) is reported at its
// line and kept as written.
TEST(CliDirectory, JekyllSiteWithBrokenYamlAndUnknownLiquid) {
    TempDir site;
    TempDir out;
    write_bytes(site / "_config.yml", "title: x\n");
    write_bytes(site / "_posts/2021-01-01-good.md", "---\ntitle: Good\n---\nBody\n");
    write_bytes(site / "_posts/2021-01-02-bad.md", "---\ntitle: Bad\ntags: [a, b\n---\nBody\n");
    const std::string liquid_body = "Intro\n\n{% youtube abc %}\n\n{% raw %}\nand {% if x %} more\n";
    write_bytes(site / "_posts/2021-01-03-liquid.md", "---\ntitle: Liquid\n---\n" + liquid_body);
    RunResult r = run_postport({"convert", "--from", "jekyll", "--to", "hugo", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string bad = (site / "_posts/2021-01-02-bad.md").string();
    const std::string liquid = (site / "_posts/2021-01-03-liquid.md").string();
    EXPECT_TRUE(contains(r.err, bad + ":4:1: invalid YAML")) << r.err;
    EXPECT_TRUE(contains(r.err, liquid + ":6: warning: unknown Liquid tag `{% youtube abc %}`")) << r.err;
    EXPECT_TRUE(contains(r.err, liquid + ":8: warning: `{% raw %}` is never closed")) << r.err;
    EXPECT_TRUE(contains(r.err, liquid + ":9: warning: Liquid `{% if x %}` kept verbatim")) << r.err;
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"content/posts/good.md", "content/posts/liquid.md", "record content/posts/good.md", "record content/posts/liquid.md"}));
    const std::string converted = read_bytes(out / "content/posts/liquid.md");
    EXPECT_TRUE(converted.ends_with(liquid_body)) << converted;
    Summary s = summary_of(r.err);
    ASSERT_TRUE(s.found) << r.err;
    EXPECT_EQ(s.failed, 1);
    expect_counts_add_up(s);
}

TEST(CliDirectory, HugoFilesBesideTheArticlesAreCopiedOrSkipped) {
    TempDir site;
    TempDir out;
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    write_bytes(site / "content/post/trip/index.md", good_hugo_post);
    write_bytes(site / "content/post/trip/tram.png", png);
    write_bytes(site / "static/images/desk.png", png);
    write_bytes(site / "data/authors.yml", "ada:\n  name: Ada\n");
    write_bytes(site / "layouts/_default/single.html", "{{ .Content }}\n");
    write_bytes(site / ".gitignore", "public/\n");
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    Summary s = summary_of(r.err);
    ASSERT_TRUE(s.found) << r.err;
    EXPECT_EQ(s.files, 6);
    EXPECT_EQ(s.converted, 1);
    // The bundle resource, the static file and the data file.
    EXPECT_EQ(s.copied, 3);
    // The layout (a template) and .gitignore.
    EXPECT_EQ(s.skipped, 2);
    EXPECT_EQ(s.failed, 0);
    expect_counts_add_up(s);
    EXPECT_TRUE(contains(r.err, (site / "layouts/_default/single.html").string())) << r.err;
    EXPECT_TRUE(contains(r.err, (site / ".gitignore").string())) << r.err;
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"_data/authors.yml", "_posts/post/2021-09-27-trip.md", "images/desk.png", "post/trip/tram.png", "record _posts/post/2021-09-27-trip.md"}));
    EXPECT_EQ(read_bytes(out / "post/trip/tram.png"), png);
    EXPECT_EQ(read_bytes(out / "images/desk.png"), png);
    EXPECT_EQ(read_bytes(out / "_data/authors.yml"), "ada:\n  name: Ada\n");
    expect_site_files(out.path(), "jekyll");
}

TEST(CliDirectory, JekyllFilesBesideTheArticlesAreCopiedOrSkipped) {
    TempDir site;
    TempDir out;
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    write_bytes(site / "_posts/2021-09-27-a.md", "---\ntitle: A\n---\nBody\n");
    write_bytes(site / "assets/tram.png", png);
    write_bytes(site / "CNAME", "example.org\n");
    write_bytes(site / "_data/authors.yml", "ada:\n  name: Ada\n");
    write_bytes(site / "_layouts/post.html", "{{ content }}\n");
    write_bytes(site / "_includes/note.html", "<aside>{{ include.inner }}</aside>\n");
    RunResult r = run_postport({"convert", "--from", "jekyll", "--to", "hugo", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    Summary s = summary_of(r.err);
    ASSERT_TRUE(s.found) << r.err;
    EXPECT_EQ(s.files, 6);
    EXPECT_EQ(s.converted, 1);
    EXPECT_EQ(s.copied, 3);
    // The layout and the include, which no article calls.
    EXPECT_EQ(s.skipped, 2);
    EXPECT_EQ(s.failed, 0);
    expect_counts_add_up(s);
    EXPECT_TRUE(contains(r.err, (site / "_layouts/post.html").string())) << r.err;
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"content/posts/a.md", "data/authors.yml", "record content/posts/a.md", "static/CNAME", "static/assets/tram.png"}));
    EXPECT_EQ(read_bytes(out / "static/assets/tram.png"), png);
    EXPECT_EQ(read_bytes(out / "static/CNAME"), "example.org\n");
    EXPECT_EQ(read_bytes(out / "data/authors.yml"), "ada:\n  name: Ada\n");
    expect_site_files(out.path(), "hugo");
}

TEST(CliDirectory, NoRecordWritesNoRoundTripRecordAtAll) {
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    write_bytes(site / "static/robots.txt", "User-agent: *\n");
    RunResult r = run_postport(
        {"convert", "--from", "hugo", "--to", "jekyll", "--no-record", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(converted_files(out.path()), (Strings{"_posts/post/2021-09-27-a.md", "robots.txt"}));
    EXPECT_FALSE(fs::exists(out / ".postport")) << ::testing::PrintToString(list_tree(out.path()));
    expect_site_files(out.path(), "jekyll", /*record=*/false);
}

// --- --strict ------------------------------------------------------------------------

TEST(CliStrict, WarningFailsTheFileWithExitThree) {
    TempDir site;
    TempDir out;
    // A local time has no YAML form: written as a string, with a warning.
    const fs::path input = site / "content/post/warn.md";
    write_bytes(input, "+++\ntitle = \"T\"\ndate = 2021-09-27\nreminder = 07:32:00\n+++\nBody\n");
    RunResult plain = run_postport({"convert", "--from", "hugo", "--to", "jekyll", input.string(), "-"});
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_TRUE(contains(plain.err, "[type-changed]")) << plain.err;

    RunResult strict = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--strict", input.string(),
                                 out.path().string()});
    EXPECT_EQ(strict.exit_code, 3) << strict.err;
    EXPECT_EQ(list_tree(out.path()), Strings{});

    RunResult to_stdout =
        run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--strict", input.string(), "-"});
    EXPECT_EQ(to_stdout.exit_code, 3) << to_stdout.err;
    EXPECT_EQ(to_stdout.out, "");
}

TEST(CliStrict, DirectoryWritesOnlyTheFilesWithoutWarnings) {
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/clean.md", good_hugo_post);
    write_bytes(site / "content/post/warn.md", "+++\ntitle = \"T\"\ndate = 2021-09-27\nreminder = 07:32:00\n+++\nBody\n");
    RunResult r = run_postport(
        {"convert", "--from", "hugo", "--to", "jekyll", "--strict", site.path().string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"_posts/post/2021-09-27-clean.md", "record _posts/post/2021-09-27-clean.md"}));
    Summary s = summary_of(r.err);
    ASSERT_TRUE(s.found) << r.err;
    EXPECT_EQ(s.files, 2);
    EXPECT_EQ(s.converted, 1);
    EXPECT_EQ(s.failed, 1);
    expect_counts_add_up(s);
}

// --- Single files ---------------------------------------------------------------------

TEST(CliSingleFile, WritesThePostAndItsSidecarIntoTheOutputFolder) {
    TempDir site;
    TempDir out;
    write_bytes(site / "hugo.toml", "title = \"x\"\n");
    write_bytes(site / "content/post/a.md", good_hugo_post);
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", (site / "content/post/a.md").string(),
                            out.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(converted_files(out.path()),
              (Strings{"_posts/post/2021-09-27-a.md", "record _posts/post/2021-09-27-a.md"}));
}

TEST(CliSingleFile, ExistingOutputFileIsNotOverwrittenWithoutForce) {
    // A single post may join an existing site folder, but never replaces a
    // file there unless --force says so.
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    write_bytes(out / "_posts/post/2021-09-27-a.md", "an earlier version\n");
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", (site / "content/post/a.md").string(),
                                out.path().string()});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_EQ(list_tree(out.path()), Strings{"_posts/post/2021-09-27-a.md"});
    EXPECT_EQ(read_bytes(out / "_posts/post/2021-09-27-a.md"), "an earlier version\n");

    RunResult forced = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--force",
                                     (site / "content/post/a.md").string(), out.path().string()});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_NE(read_bytes(out / "_posts/post/2021-09-27-a.md"), "an earlier version\n");
}

TEST(CliSingleFile, OutputThatIsAFileExitsFour) {
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    write_bytes(out / "file", "x");
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", (site / "content/post/a.md").string(),
                                (out / "file").string()});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_EQ(read_bytes(out / "file"), "x");
    RunResult tree = run_postport({"convert", "--from", "hugo", "--to", "jekyll", site.path().string(),
                                   (out / "file").string()});
    EXPECT_EQ(tree.exit_code, 4) << tree.err;
    EXPECT_EQ(list_tree(out.path()), Strings{"file"});
}

TEST(CliSingleFile, NoRecordWritesNoSidecar) {
    TempDir site;
    TempDir out;
    write_bytes(site / "content/post/a.md", good_hugo_post);
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--no-record",
                            (site / "content/post/a.md").string(), out.path().string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(list_tree(out.path()), (Strings{"_posts/post/2021-09-27-a.md"}));
}

TEST(CliSingleFile, QuietPrintsNothingOnSuccess) {
    TempDir site;
    write_bytes(site / "content/post/w.md", "+++\ntitle = \"T\"\ndate = 2021-09-27\nreminder = 07:32:00\n+++\nBody\n");
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "-q", (site / "content/post/w.md").string(), "-"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_FALSE(r.out.empty());
}
