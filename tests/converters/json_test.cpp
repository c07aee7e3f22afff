// The json platform: the post object, typed front matter, round trips of
// every sample through it (single posts and whole sites, as a site document,
// NDJSON and NDJSON on standard output), schema validation, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/fields.h"
#include "core/site.h"
#include "core/typed_json.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

using Strings = std::vector<std::string>;

const fs::path hugo_site = samples_dir() / "hugo";
const fs::path jekyll_site = samples_dir() / "jekyll";
const fs::path schema_file = source_dir() / "schema" / "postport.schema.json";
const fs::path schema_validator = source_dir() / "tests" / "support" / "validate_schema.py";

// The files of a site a conversion carries and a round trip gives back:
// articles, config, published and data files (not templates, not ignored files).
Strings carried_files(std::string_view platform_name, const fs::path& root) {
    const Strings documents = articles(platform_name, root);
    Strings carried;
    for (const auto& file : list_tree(root)) {
        const auto role = platform(platform_name).classify(file).role;
        if (std::find(documents.begin(), documents.end(), file) != documents.end() ||
            (role != SiteFile::Role::Template && role != SiteFile::Role::Ignored))
            carried.push_back(file);
    }
    return carried;
}

// Every carried file of `original` is in `restored` with the same bytes, and
// `restored` has nothing else.
void expect_same_site(std::string_view platform_name, const fs::path& original, const fs::path& restored) {
    const Strings carried = carried_files(platform_name, original);
    ASSERT_GE(carried.size(), 5u);
    for (const auto& file : carried) {
        SCOPED_TRACE(file);
        ASSERT_TRUE(fs::exists(restored / file)) << "not restored";
        const std::string expected = read_bytes(original / file);
        const std::string actual = read_bytes(restored / file);
        EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
    }
    EXPECT_EQ(list_tree(restored), carried);
}

OrderedJson parse(std::string_view text) { return parse_json_text(text, SourceLocation{"<test>", 1, 1}); }

// Runs the schema validator on `files`; returns its exit code and output.
RunResult validate(const std::vector<std::string>& files) {
    std::vector<std::string> arguments{find_program("python3").string(), schema_validator.string(), schema_file.string()};
    arguments.insert(arguments.end(), files.begin(), files.end());
    return run(arguments);
}

std::string post_json(std::string_view from, const fs::path& file, const std::string& relative) {
    return convert(from, "json", read_bytes(file), relative).converted.bytes;
}

}  // namespace

// --- The post object ----------------------------------------------------------

TEST(JsonPost, CarriesEverythingAboutThePost) {
    const std::string json = post_json("hugo", hugo_site / "content/post/notes-and-callouts.md",
                                       "content/post/notes-and-callouts.md");
    ASSERT_TRUE(json.ends_with("}\n"));
    EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), 1) << "one object on one line";
    const OrderedJson post = parse(json);
    std::vector<std::string> members;
    for (const auto& [key, value] : post.items()) members.push_back(key);
    EXPECT_EQ(members, (Strings{"format", "version", "source", "path", "kind", "front_matter_format", "location",
                                "front_matter", "body_syntax", "body", "html"}));
    EXPECT_EQ(post["format"], "postport-post");
    EXPECT_EQ(post["version"], 1);
    EXPECT_EQ(post["source"], "hugo");
    EXPECT_EQ(post["path"], "content/post/notes-and-callouts.md");
    EXPECT_EQ(post["kind"], "post");
    EXPECT_EQ(post["body_syntax"], "hugo");
    EXPECT_EQ(post["location"]["slug"], "notes-and-callouts");
    EXPECT_EQ(post["location"]["folders"], OrderedJson::array({"post"}));
    // The body byte for byte, shortcodes as written.
    const Document source = read_as("hugo", read_bytes(hugo_site / "content/post/notes-and-callouts.md"));
    EXPECT_EQ(post["body"], source.body);
    EXPECT_NE(source.body.find("{{"), std::string::npos);
    // cmark's HTML of the same body.
    const std::string html = post["html"].get<std::string>();
    EXPECT_NE(html.find("<p>"), std::string::npos) << html;
    EXPECT_EQ(html.find("\n---\n"), std::string::npos);
}

TEST(JsonPost, EveryTypedValueSurvives) {
    const fs::path file = hugo_site / "content/post/toml-front-matter-types.md";
    Document expected = read_as("hugo", read_bytes(file), "content/post/toml-front-matter-types.md");
    Warnings ignored;
    platform("hugo").to_common(expected, ignored);
    const std::string json = post_json("hugo", file, "content/post/toml-front-matter-types.md");
    const Document back = read_as("json", json);
    EXPECT_EQ(back.front_matter, expected.front_matter);
    EXPECT_EQ(keys_of(back.front_matter), keys_of(expected.front_matter));
    EXPECT_EQ(back.format, FrontMatterFormat::Toml);
    EXPECT_EQ(back.body, expected.body);
    // Spot checks that would fail if the encoding went through doubles or strings.
    EXPECT_TRUE(at(back.front_matter, "one").is_float());
    EXPECT_EQ(at(back.front_matter, "max_int"), Value(std::int64_t{9223372036854775807}));
    EXPECT_TRUE(std::signbit(at(back.front_matter, "negative_zero").as_float()));
    EXPECT_TRUE(std::isnan(at(back.front_matter, "not_a_number").as_float()));
    EXPECT_EQ(at(back.front_matter, "reminder").type(), ValueType::LocalTime);
    EXPECT_EQ(at(back.front_matter, "first_draft").type(), ValueType::LocalDateTime);
    EXPECT_EQ(at(back.front_matter, "published_on").type(), ValueType::LocalDate);
    EXPECT_EQ(format_datetime(at(back.front_matter, "date").as_datetime()), "2023-03-14T09:26:53.589-07:00");
    EXPECT_TRUE(at(back.front_matter, "resources").as_array().front().is_table());
}

TEST(JsonPost, NullsAndLookalikeObjectsSurvive) {
    const std::string yaml = "---\ntitle: x\nimage: ~\nmeta:\n  $type: integer\n  $value: \"5\"\n---\nbody\n";
    const std::string json = convert("jekyll", "json", yaml, "page.md").converted.bytes;
    const Document back = read_as("json", json);
    EXPECT_TRUE(at(back.front_matter, "image").is_null());
    const Value& meta = at(back.front_matter, "meta");
    ASSERT_TRUE(meta.is_table());
    EXPECT_EQ(at(meta.as_table(), "$type"), Value("integer"));
    EXPECT_EQ(back.body, "body\n");
}

TEST(JsonPost, RecordMovesToATopLevelMemberAndBack) {
    const fs::path file = hugo_site / "content/post/toml-front-matter-types.md";
    const auto there = convert("hugo", "json", read_bytes(file), "content/post/toml-front-matter-types.md",
                               RecordPlacement::Embedded);
    const OrderedJson post = parse(there.converted.bytes);
    ASSERT_TRUE(post.contains("postport"));
    EXPECT_FALSE(post["front_matter"].contains("postport"));
    EXPECT_EQ(post["postport"]["source"]["platform"], "hugo");
    const auto back = convert("json", "hugo", there.converted.bytes, "");
    EXPECT_TRUE(back.converted.restored);
    EXPECT_TRUE(back.converted.bytes == read_bytes(file)) << first_difference(read_bytes(file), back.converted.bytes);
}

// Hugo -> JSON -> Jekyll gives what Hugo -> Jekyll gives: the same path and
// bytes (shortcodes become Liquid through the body's own syntax).
TEST(JsonPost, HugoThroughJsonToJekyllEqualsHugoToJekyll) {
    for (const auto& file : articles("hugo", hugo_site)) {
        SCOPED_TRACE(file);
        const std::string bytes = read_bytes(hugo_site / file);
        const auto direct = convert("hugo", "jekyll", bytes, file);
        const auto json = convert("hugo", "json", bytes, file);
        const auto via = convert("json", "jekyll", json.converted.bytes, json.converted.path);
        EXPECT_EQ(via.converted.path, direct.converted.path);
        EXPECT_TRUE(via.converted.bytes == direct.converted.bytes)
            << first_difference(direct.converted.bytes, via.converted.bytes);
    }
}

TEST(JsonPost, JekyllThroughJsonToHugoEqualsJekyllToHugo) {
    for (const auto& file : articles("jekyll", jekyll_site)) {
        SCOPED_TRACE(file);
        const std::string bytes = read_bytes(jekyll_site / file);
        const auto direct = convert("jekyll", "hugo", bytes, file);
        const auto json = convert("jekyll", "json", bytes, file);
        const auto via = convert("json", "hugo", json.converted.bytes, json.converted.path);
        EXPECT_EQ(via.converted.path, direct.converted.path);
        EXPECT_TRUE(via.converted.bytes == direct.converted.bytes)
            << first_difference(direct.converted.bytes, via.converted.bytes);
    }
}

// --- Single posts through the CLI -----------------------------------------------

TEST(JsonCli, EverySamplePostThroughStdinAndStdoutComesBack) {
    for (const auto& [name, root] : {std::pair{"hugo", hugo_site}, std::pair{"jekyll", jekyll_site}}) {
        for (const auto& file : articles(name, root)) {
            SCOPED_TRACE(file);
            const std::string original = read_bytes(root / file);
            RunResult there = run_postport({"convert", "--from", name, "--to", "json", "-", "-"}, original);
            ASSERT_EQ(there.exit_code, 0) << there.err;
            EXPECT_EQ(parse(there.out)["format"], "postport-post");
            RunResult back = run_postport({"convert", "--from", "json", "--to", name, "-", "-"}, there.out);
            ASSERT_EQ(back.exit_code, 0) << back.err;
            EXPECT_TRUE(back.out == original) << first_difference(original, back.out);
        }
    }
}

// --- Whole sites -------------------------------------------------------------------

TEST(JsonCli, SitesComeBackByteForByteAsDocumentAndNdjson) {
    for (const auto& [name, root] : {std::pair{"hugo", hugo_site}, std::pair{"jekyll", jekyll_site}}) {
        for (const char* archive : {"site.json", "site.ndjson"}) {
            SCOPED_TRACE(std::string(name) + " " + archive);
            TempDir work;
            const fs::path packed = work / archive;
            RunResult there = run_postport({"convert", "-q", "--from", name, "--to", "json", root.string(), packed.string()});
            ASSERT_EQ(there.exit_code, 0) << there.err;
            const std::string text = read_bytes(packed);
            EXPECT_EQ(text.starts_with(R"({"format":"postport-site","version":1,"files":[)"),
                      std::string(archive) == "site.json");
            RunResult back = run_postport({"convert", "-q", "--from", "json", "--to", name, packed.string(), (work / "back").string()});
            ASSERT_EQ(back.exit_code, 0) << back.err;
            expect_same_site(name, root, work / "back");
        }
    }
}

TEST(JsonCli, NdjsonOnStandardOutputAndBackFromStandardInput) {
    RunResult there = run_postport({"convert", "-q", "--from", "jekyll", "--to", "json", jekyll_site.string(), "-"});
    ASSERT_EQ(there.exit_code, 0) << there.err;
    std::size_t lines = 0;
    for (std::size_t start = 0; start < there.out.size(); ++lines) {
        const std::size_t end = there.out.find('\n', start);
        ASSERT_NE(end, std::string::npos);
        const OrderedJson line = parse(std::string_view(there.out).substr(start, end - start));
        EXPECT_TRUE(lines == 0 ? line["format"] == "postport-site" : line.contains("path"));
        start = end + 1;
    }
    EXPECT_GT(lines, articles("jekyll", jekyll_site).size());
    TempDir work;
    RunResult back = run_postport({"convert", "-q", "--from", "json", "--to", "jekyll", "-", (work / "back").string()}, there.out);
    ASSERT_EQ(back.exit_code, 0) << back.err;
    expect_same_site("jekyll", jekyll_site, work / "back");
}

TEST(JsonCli, HugoSiteThroughJsonToJekyllHasTheArticlesOfHugoToJekyll) {
    TempDir work;
    ASSERT_EQ(run_postport({"convert", "-q", "--from", "hugo", "--to", "jekyll", hugo_site.string(), (work / "direct").string()}).exit_code, 0);
    ASSERT_EQ(run_postport({"convert", "-q", "--from", "hugo", "--to", "json", hugo_site.string(), (work / "site.json").string()}).exit_code, 0);
    RunResult via = run_postport({"convert", "-q", "--from", "json", "--to", "jekyll", (work / "site.json").string(), (work / "via").string()});
    ASSERT_EQ(via.exit_code, 0) << via.err;
    // Articles, config and copied files are the same; the site's own
    // shortcode templates are not carried by JSON (stubs stand in for them).
    const Strings carried = carried_files("jekyll", work / "direct");
    for (const auto& file : carried) {
        if (file.starts_with(".postport/")) continue;
        SCOPED_TRACE(file);
        ASSERT_TRUE(fs::exists(work / "via" / file));
        const std::string expected = read_bytes(work / "direct" / file);
        const std::string actual = read_bytes(work / "via" / file);
        EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
    }
}

// --- Schema ------------------------------------------------------------------------

TEST(JsonSchema, OutputValidatesAgainstThePublishedSchema) {
    TempDir work;
    ASSERT_EQ(run_postport({"convert", "-q", "--from", "hugo", "--to", "json", hugo_site.string(), (work / "hugo.json").string()}).exit_code, 0);
    ASSERT_EQ(run_postport({"convert", "-q", "--from", "jekyll", "--to", "json", jekyll_site.string(), (work / "jekyll.ndjson").string()}).exit_code, 0);
    RunResult post = run_postport({"convert", "--from", "hugo", "--to", "json", "-", "-"},
                                  read_bytes(hugo_site / "content/post/toml-front-matter-types.md"));
    ASSERT_EQ(post.exit_code, 0) << post.err;
    write_bytes(work / "post.json", post.out);
    RunResult result = validate({(work / "hugo.json").string(), (work / "jekyll.ndjson").string(), (work / "post.json").string()});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
}

TEST(JsonSchema, RejectsWhatTheReaderRejects) {
    TempDir work;
    const std::string header = R"({"format":"postport-site","version":1})" "\n";
    const std::string post = R"({"format":"postport-post","version":1,"kind":"post","front_matter":{},"body":""})";
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"escaping.ndjson", header + R"({"path":"../evil","text":"x"})" "\n"},
        {"absolute.ndjson", header + R"({"path":"/etc/evil","text":"x"})" "\n"},
        {"two-contents.ndjson", header + R"({"path":"a","text":"x","base64":"eA=="})" "\n"},
        {"bad-tag.json", R"({"format":"postport-post","version":1,"kind":"post","front_matter":{"d":{"$type":"date","$value":"x"}},"body":""})"},
        {"tag-extra.json", R"({"format":"postport-post","version":1,"kind":"post","front_matter":{"d":{"$type":"integer","$value":"5","x":1}},"body":""})"},
        {"no-kind.json", R"({"format":"postport-post","version":1,"front_matter":{},"body":""})"},
    };
    for (const auto& [name, text] : bad) {
        SCOPED_TRACE(name);
        write_bytes(work / name, text);
        EXPECT_NE(validate({(work / name).string()}).exit_code, 0);
    }
    write_bytes(work / "good.json", post);
    EXPECT_EQ(validate({(work / "good.json").string()}).exit_code, 0);
}

// --- Bad input -----------------------------------------------------------------------

TEST(JsonBadInput, InvalidJsonNamesLineAndColumn) {
    TempDir work;
    write_bytes(work / "post.json", "{\"format\": \"postport-post\",\n  \"version\": 1,\n  \"kind\": post}\n");
    RunResult result = run_postport({"convert", "--from", "json", "--to", "hugo", (work / "post.json").string(), "-"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("post.json:3:11:"), std::string::npos) << result.err;
}

TEST(JsonBadInput, UnknownShapeSaysWhatWasExpected) {
    RunResult result = run_postport({"convert", "--from", "json", "--to", "hugo", "-", "-"}, R"({"title": "x"})");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("<stdin>:1:1:"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("expected a postport post"), std::string::npos) << result.err;
    result = run_postport({"convert", "--from", "json", "--to", "hugo", "-", "-"}, "[1, 2]");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("expected a postport post"), std::string::npos) << result.err;
}

TEST(JsonBadInput, MissingRequiredFieldsAreNamed) {
    RunResult result = run_postport({"convert", "--from", "json", "--to", "hugo", "-", "-"},
                                    R"({"format":"postport-post","version":1,"front_matter":{},"body":""})");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("missing required member \"kind\""), std::string::npos) << result.err;
    result = run_postport({"convert", "--from", "json", "--to", "hugo", "-", "-"},
                          R"({"format":"postport-post","version":1,"kind":"post","front_matter":{"d":{"$type":"date-local","$value":"soon"}},"body":""})");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("/front_matter/d/$value: expected a date-local"), std::string::npos) << result.err;
}

TEST(JsonBadInput, UnsafePathsAreRefusedAndNothingIsWrittenOutside) {
    const std::string header = R"({"format":"postport-site","version":1})" "\n";
    const std::string nul_path = std::string(R"({"path":"a\u0000b","text":"x"})");
    for (const std::string& entry : {std::string(R"({"path":"../escaped.txt","text":"x"})"),
                                     std::string(R"({"path":"static/../../escaped.txt","text":"x"})"),
                                     std::string(R"({"path":"/tmp/escaped.txt","text":"x"})"), nul_path}) {
        SCOPED_TRACE(entry);
        TempDir work;
        for (const char* layout : {"ndjson", "json"}) {
            const bool ndjson = std::string(layout) == "ndjson";
            const std::string text = ndjson ? header + R"({"path":"static/ok.txt","text":"ok"})" "\n" + entry + "\n"
                                            : R"({"format":"postport-site","version":1,"files":[)" "\n" +
                                                  std::string(R"({"path":"static/ok.txt","text":"ok"},)") + "\n" + entry + "]}";
            write_bytes(work / (std::string("site.") + layout), text);
            RunResult result = run_postport({"convert", "--from", "json", "--to", "hugo",
                                             (work / (std::string("site.") + layout)).string(), (work / "out" / "site").string()});
            EXPECT_EQ(result.exit_code, 1);
            EXPECT_NE(result.err.find(std::string("site.") + layout + ":3:1: refusing path"), std::string::npos)
                << result.err;
            EXPECT_FALSE(fs::exists(work / "escaped.txt"));
            EXPECT_FALSE(fs::exists(work / "out" / "escaped.txt"));
            EXPECT_FALSE(fs::exists("/tmp/escaped.txt"));
            EXPECT_TRUE(list_tree(work / "out").empty());
        }
    }
}

TEST(JsonBadInput, DuplicateEntriesAreReportedAndTheFirstKept) {
    TempDir work;
    write_bytes(work / "site.ndjson", R"({"format":"postport-site","version":1})" "\n"
                                      R"({"path":"static/a.txt","text":"first"})" "\n"
                                      R"({"path":"static/a.txt","text":"second"})" "\n");
    RunResult result = run_postport({"convert", "--from", "json", "--to", "jekyll", (work / "site.ndjson").string(), (work / "out").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find("site.ndjson:3:1: warning: a second entry for static/a.txt"), std::string::npos) << result.err;
    EXPECT_EQ(read_bytes(work / "out" / "a.txt"), "first");
}

TEST(JsonBadInput, BinaryFilesAndBadBase64) {
    TempDir work;
    const std::string binary("\x89PNG\r\n\x1a\n\x00\xff\xfe", 11);
    write_bytes(work / "site" / "_config.yml", "title: t\n");
    write_bytes(work / "site" / "img" / "x.png", binary);
    ASSERT_EQ(run_postport({"convert", "-q", "--from", "jekyll", "--to", "json", (work / "site").string(), (work / "s.json").string()}).exit_code, 0);
    EXPECT_NE(read_bytes(work / "s.json").find(R"({"path":"static/img/x.png","base64":"iVBORw0KGgoA//4="})"), std::string::npos);
    ASSERT_EQ(run_postport({"convert", "-q", "--from", "json", "--to", "jekyll", (work / "s.json").string(), (work / "back").string()}).exit_code, 0);
    EXPECT_TRUE(read_bytes(work / "back" / "img" / "x.png") == binary);

    write_bytes(work / "bad.ndjson", R"({"format":"postport-site","version":1})" "\n" R"({"path":"a.png","base64":"iVB*"})" "\n");
    RunResult result = run_postport({"convert", "--from", "json", "--to", "jekyll", (work / "bad.ndjson").string(), (work / "out").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("bad.ndjson:2:1: \"base64\" of a.png is not base64 text"), std::string::npos) << result.err;
}

TEST(JsonBadInput, BadPostInsideASiteNamesTheEntry) {
    TempDir work;
    write_bytes(work / "site.json", "{\"format\":\"postport-site\",\"version\":1,\"files\":[\n"
                                    "  {\"path\":\"content/a.md\",\"post\":{\"format\":\"postport-post\",\"version\":1,\"kind\":\"post\",\"body\":\"\"}}\n]}\n");
    RunResult result = run_postport({"convert", "--from", "json", "--to", "hugo", (work / "site.json").string(), (work / "out").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("site.json:2:3: in \"post\" of content/a.md: (top): missing required member \"front_matter\""),
              std::string::npos)
        << result.err;
}

TEST(JsonBadInput, ABodyOfSeveralMegabytesComesBack) {
    std::string body;
    while (body.size() < 6'000'000) body += "A paragraph with *emphasis* and a {{< note >}}shortcode{{< /note >}}.\n\n";
    const std::string original = "+++\ntitle = \"big\"\ndate = 2021-01-01T00:00:00Z\n+++\n" + body;
    RunResult there = run_postport({"convert", "--from", "hugo", "--to", "json", "-", "-"}, original);
    ASSERT_EQ(there.exit_code, 0) << there.err.substr(0, 500);
    EXPECT_GT(there.out.size(), 2 * body.size()) << "body and html";
    RunResult back = run_postport({"convert", "--from", "json", "--to", "hugo", "-", "-"}, there.out);
    ASSERT_EQ(back.exit_code, 0) << back.err.substr(0, 500);
    EXPECT_TRUE(back.out == original);
}

// --- Archives read as they go ------------------------------------------------------

// A site whose archive is several times what is looked at before it is read
// (SiteArchive::head_size), read back from standard input, which cannot be
// read twice: as a site document and as NDJSON.
TEST(JsonCli, ArchivesLargerThanTheirHeadComeBackFromStandardInput) {
    TempDir work;
    write_bytes(work / "site" / "hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \"Big\"\n");
    const std::string paragraph(2000, 'x');
    for (int i = 0; i < 100; ++i)
        write_bytes(work / "site" / "content" / "post" / ("p" + std::to_string(i) + ".md"),
                    "+++\ntitle = \"Post " + std::to_string(i) + "\"\nweight = " + std::to_string(i) +
                        "\n+++\n" + paragraph + "\n\n{{< note >}}n{{< /note >}}\n");
    for (const char* archive : {"site.json", "site.ndjson"}) {
        SCOPED_TRACE(archive);
        RunResult there = run_postport({"convert", "-q", "--from", "hugo", "--to", "json", (work / "site").string(),
                                        (work / archive).string()});
        ASSERT_EQ(there.exit_code, 0) << there.err;
        const std::string packed = read_bytes(work / archive);
        ASSERT_GT(packed.size(), 3 * SiteArchive::head_size);
        const fs::path back = work / (std::string("back-") + archive);
        RunResult result = run_postport({"convert", "-q", "--from", "json", "--to", "hugo", "-", back.string()}, packed);
        ASSERT_EQ(result.exit_code, 0) << result.err;
        const Strings posts = list_tree(work / "site" / "content");
        ASSERT_EQ(posts.size(), 100u);
        EXPECT_EQ(list_tree(back / "content"), posts);
        for (const auto& post : posts)
            EXPECT_EQ(read_bytes(back / "content" / post), read_bytes(work / "site" / "content" / post)) << post;
        EXPECT_EQ(read_bytes(back / "hugo.toml"), read_bytes(work / "site" / "hugo.toml"));
    }
}

TEST(JsonBadInput, ASiteDocumentIsCheckedAsItIsRead) {
    const std::string start = "{\"format\":\"postport-site\",\"version\":1,\"files\":[\n"
                              "{\"path\":\"static/a.txt\",\"text\":\"a\"},\n";
    struct Case {
        std::string text;
        std::string error;
    };
    for (const Case& bad : {
             Case{start + "{\"path\":\"static/b.txt\",\"text\":\"b\"},\n  {\"path\": nope}\n]}\n", "site.json:4:13: "},
             Case{start + "{\"path\":\"static/b.txt\",\"text\":\"b\"}\n]}\n{\"path\":\"static/c.txt\",\"text\":\"c\"}\n",
                  "site.json:5:1: unexpected text after the end of the site document"},
             Case{"{\"format\":\"postport-site\",\"version\":1,\"files\":{}}\n", "site.json:1:1: a postport site has \"files\": [...]"},
             Case{"{\"format\":\"postport-site\",\"version\":2,\"files\":[]}\n", "site.json:1:1: this postport reads postport-site version 1"},
             Case{start + "{\"path\":\"static/b.txt\",\"text\":\"b\"}\n", "site.json:4:1: "},
         }) {
        SCOPED_TRACE(bad.text);
        TempDir work;
        write_bytes(work / "site.json", bad.text);
        RunResult result = run_postport({"convert", "--from", "json", "--to", "jekyll", (work / "site.json").string(),
                                         (work / "out").string()});
        EXPECT_EQ(result.exit_code, 1);
        EXPECT_NE(result.err.find(bad.error), std::string::npos) << result.err;
        EXPECT_FALSE(fs::exists(work / "out"));
    }
}

TEST(JsonBadInput, NdjsonHasItsHeaderAloneOnTheFirstLine) {
    TempDir work;
    write_bytes(work / "site.ndjson", R"({"format":"postport-site","version":1} {"path":"static/a.txt","text":"a"})" "\n");
    RunResult result = run_postport({"convert", "--from", "json", "--to", "jekyll", (work / "site.ndjson").string(),
                                     (work / "out").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("site.ndjson:1:40: a postport site is one document"), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(work / "out"));
}
