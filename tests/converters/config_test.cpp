// Site configuration: Hugo's and Jekyll's config files in common terms
// (converters/config_common.h), the permalink token table both ways, round
// trips through the other platform, and the written files accepted by the
// real generators (hugo 0.111.3, jekyll 4.3.1).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "converters/config_common.h"
#include "core/codecs.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

namespace fs = std::filesystem;

std::optional<SiteConfig> read_site(std::string_view name, const fs::path& root, Warnings& warnings) {
    return platform(name).read_config(root, warnings);
}

SiteConfig read_existing(std::string_view name, const fs::path& root) {
    Warnings warnings;
    auto config = read_site(name, root, warnings);
    if (!config) throw std::logic_error("no config in " + root.string());
    return *config;
}

std::string describe_tree(const fs::path& root) {
    std::string out;
    for (const auto& file : list_tree(root)) out += file + "\n";
    return out;
}

void write_files(const fs::path& root, const std::vector<OutputFile>& files) {
    for (const auto& file : files) write_bytes(root / file.path, file.bytes);
}

const OutputFile* file_named(const std::vector<OutputFile>& files, std::string_view path) {
    for (const auto& file : files)
        if (file.path == path) return &file;
    return nullptr;
}

// `config` written by platform `to` into `root`, and read back from there.
SiteConfig through(std::string_view to, const SiteConfig& config, const fs::path& root, Warnings& warnings) {
    write_files(root, platform(to).write_config(config, warnings));
    return read_existing(to, root);
}

bool warns_about(const Warnings& warnings, std::string_view text) {
    for (const auto& warning : warnings.all())
        if (warning.kind == WarningKind::FieldNotMapped && warning.message.find(text) != std::string::npos)
            return true;
    return false;
}

Table table_of(std::initializer_list<std::pair<std::string, Value>> entries) {
    Table table;
    for (const auto& [key, value] : entries) table.set(key, value);
    return table;
}

SiteConfig hugo_config_with(Table settings) {
    SiteConfig config;
    config.source_platform = "hugo";
    config.settings = std::move(settings);
    return config;
}

// --- Permalink patterns through one writer or reader ------------------------

// The common posts pattern of a _config.yml saying `permalink: PATTERN`.
std::string common_from_jekyll(std::string_view permalink) {
    TempDir site;
    write_bytes(site / "_config.yml", "permalink: \"" + std::string(permalink) + "\"\n");
    const SiteConfig config = read_existing("jekyll", site.path());
    const Value& posts = at(at(config.settings, "permalinks").as_table(), "posts");
    return posts.is_string() ? posts.as_string() : "<not a string>";
}

// Jekyll's `permalink` written for a section's common pattern.
std::string jekyll_from_common(std::string_view section, std::string_view pattern, Warnings& warnings) {
    SiteConfig config = hugo_config_with(
        table_of({{"permalinks", table_of({{std::string(section), std::string(pattern)}})}}));
    auto files = platform("jekyll").write_config(config, warnings);
    Warnings ignored;
    Table written = parse_yaml(file_named(files, "_config.yml")->bytes, YamlDialect::Psych, {}, ignored);
    const Value& permalink = at(written, "permalink");
    return permalink.is_string() ? permalink.as_string() : "<not a string>";
}

// hugo.toml written for common permalinks, as a table.
Table hugo_from_common(Table permalinks, Warnings& warnings) {
    SiteConfig config = hugo_config_with(table_of({{"permalinks", std::move(permalinks)}}));
    config.source_platform = "jekyll";
    auto files = platform("hugo").write_config(config, warnings);
    return parse_toml(file_named(files, "hugo.toml")->bytes, {});
}

}  // namespace

// --- Reading the samples -------------------------------------------------------

TEST(HugoConfig, ReadsTheSampleSite) {
    Warnings warnings;
    auto config = read_site("hugo", samples_dir() / "hugo", warnings);
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->source_platform, "hugo");
    const Table& s = config->settings;
    EXPECT_EQ(keys_of(s), (std::vector<std::string>{"title", "language", "url", "base_path", "permalinks",
                                                    "taxonomies", "excerpt_separator", "params"}));
    EXPECT_EQ(at(s, "title"), Value("Field Notes"));
    EXPECT_EQ(at(s, "language"), Value("en-us"));
    EXPECT_EQ(at(s, "url"), Value("https://example.org"));
    EXPECT_EQ(at(s, "base_path"), Value(""));
    EXPECT_EQ(at(s, "permalinks"), Value(table_of({{"post", "/:year/:month/:slug/"}})));
    EXPECT_EQ(at(s, "taxonomies"), Value(table_of({{"tag", "tags"}, {"category", "categories"}})));
    EXPECT_EQ(at(s, "excerpt_separator"), Value("<!--more-->"));
    EXPECT_EQ(at(at(s, "params").as_table(), "description"),
              Value("Occasional notes on markets, tooling and moving blogs around."));
    EXPECT_EQ(keys_of(config->extras), (std::vector<std::string>{"defaultContentLanguage", "languages", "markup"}));
    EXPECT_TRUE(warnings.empty()) << describe(warnings);
}

TEST(JekyllConfig, ReadsTheSampleSite) {
    Warnings warnings;
    auto config = read_site("jekyll", samples_dir() / "jekyll", warnings);
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(config->source_platform, "jekyll");
    const Table& s = config->settings;
    EXPECT_EQ(keys_of(s), (std::vector<std::string>{"title", "description", "language", "time_zone", "url",
                                                    "base_path", "permalinks", "excerpt_separator"}));
    EXPECT_EQ(at(s, "title"), Value("Field Notes"));
    EXPECT_EQ(at(s, "language"), Value("en-US"));
    EXPECT_EQ(at(s, "time_zone"), Value("America/Los_Angeles"));
    EXPECT_EQ(at(s, "url"), Value("https://example.org"));
    EXPECT_EQ(at(s, "base_path"), Value(""));
    EXPECT_EQ(at(s, "permalinks"),
              Value(table_of({{"posts", "/:categories/:year/:month/:day/:slugorfilename.html"}})));
    // Not set: Jekyll's default, the first paragraph.
    EXPECT_EQ(at(s, "excerpt_separator"), Value("\n\n"));
    EXPECT_EQ(keys_of(config->extras), (std::vector<std::string>{"markdown", "kramdown", "defaults"}));
    EXPECT_TRUE(warnings.empty()) << describe(warnings);
}

TEST(SiteConfigRead, NoConfigFileIsNoneForHugoAndTheDefaultsForJekyll) {
    TempDir site;
    Warnings warnings;
    EXPECT_FALSE(read_site("hugo", site.path(), warnings).has_value());
    // Jekyll's defaults: the "date" style of URLs, the first paragraph as the excerpt.
    auto jekyll = read_site("jekyll", site.path(), warnings);
    ASSERT_TRUE(jekyll.has_value());
    const Table* permalinks = table_at(jekyll->settings, setting::permalinks);
    ASSERT_NE(permalinks, nullptr);
    EXPECT_EQ(permalinks->find("posts")->as_string(), "/:categories/:year/:month/:day/:slugorfilename.html");
    EXPECT_EQ(jekyll->settings.find(setting::excerpt_separator)->as_string(), "\n\n");
    EXPECT_TRUE(jekyll->extras.empty());
    EXPECT_TRUE(warnings.empty());
}

// --- Hugo: file names, key case, config/_default ------------------------------

TEST(HugoConfig, KeysInAnyCase) {
    TempDir site;
    write_bytes(site / "hugo.yaml",
                "BaseUrl: https://example.org/blog/\nlanguagecode: fr\nTITLE: T\ntimezone: Europe/Paris\n"
                "Params:\n  a: 1\nPermaLinks:\n  posts: /:slug/\nsummarylength: 40\nPAGINATE: 5\nDisableKinds: [rss]\n");
    SiteConfig config = read_existing("hugo", site.path());
    const Table& s = config.settings;
    EXPECT_EQ(at(s, "url"), Value("https://example.org"));
    EXPECT_EQ(at(s, "base_path"), Value("/blog"));
    EXPECT_EQ(at(s, "language"), Value("fr"));
    EXPECT_EQ(at(s, "title"), Value("T"));
    EXPECT_EQ(at(s, "time_zone"), Value("Europe/Paris"));
    EXPECT_EQ(at(s, "params"), Value(table_of({{"a", 1}})));
    EXPECT_EQ(at(s, "permalinks"), Value(table_of({{"posts", "/:slug/"}})));
    EXPECT_EQ(at(s, "summary_length"), Value(40));
    EXPECT_EQ(at(s, "paginate"), Value(5));
    // Everything else keeps its own spelling.
    EXPECT_EQ(keys_of(config.extras), (std::vector<std::string>{"DisableKinds"}));
}

TEST(HugoConfig, FirstRootFileInHugosOrderWins) {
    TempDir site;
    write_bytes(site / "config.toml", "title = \"from config.toml\"\n");
    write_bytes(site / "hugo.json", "{\"title\": \"from hugo.json\"}\n");
    write_bytes(site / "hugo.yaml", "title: from hugo.yaml\n");
    EXPECT_EQ(at(read_existing("hugo", site.path()).settings, "title"), Value("from hugo.yaml"));
}

TEST(HugoConfig, ConfigDefaultIsMergedOverTheRootFile) {
    TempDir site;
    write_bytes(site / "hugo.toml", "title = \"Root\"\nbaseURL = \"https://example.org/\"\n[params]\na = 1\nb = 2\n");
    write_bytes(site / "config/_default/hugo.toml", "title = \"Dir\"\n");
    write_bytes(site / "config/_default/params.yaml", "B: 3\nc: 4\n");
    write_bytes(site / "config/_default/menus.en.toml", "[[main]]\nname = \"Home\"\nurl = \"/\"\n");
    write_bytes(site / "config/_default/permalinks.json", "{\"posts\": \"/:year/:slug/\"}\n");
    write_bytes(site / "config/_default/notes.txt", "not config\n");
    SiteConfig config = read_existing("hugo", site.path());
    const Table& s = config.settings;
    // As Hugo 0.111 does: the directory wins, tables merge key by key in any case.
    EXPECT_EQ(at(s, "title"), Value("Dir"));
    EXPECT_EQ(at(s, "url"), Value("https://example.org"));
    EXPECT_EQ(at(s, "params"), Value(table_of({{"a", 1}, {"b", 3}, {"c", 4}})));
    EXPECT_EQ(at(s, "permalinks"), Value(table_of({{"posts", "/:year/:slug/"}})));
    // menus.en.toml is the menus of language en.
    const Table& en = at(at(config.extras, "languages").as_table(), "en").as_table();
    ASSERT_TRUE(at(en, "menus").is_table());
    EXPECT_TRUE(at(at(en, "menus").as_table(), "main").is_array());
}

TEST(HugoConfig, ConfigDefaultAloneIsAConfig) {
    TempDir site;
    write_bytes(site / "config/_default/config.yaml", "title: Only here\n");
    EXPECT_EQ(at(read_existing("hugo", site.path()).settings, "title"), Value("Only here"));
}

TEST(HugoConfig, BaseUrlSplitsIntoUrlAndBasePath) {
    const std::vector<std::tuple<std::string, std::optional<std::string>, std::string>> cases = {
        {"https://example.org/", "https://example.org", ""},
        {"https://example.org", "https://example.org", ""},
        {"https://example.org/blog/", "https://example.org", "/blog"},
        {"http://localhost:1313/a/b", "http://localhost:1313", "/a/b"},
        {"//cdn.example.org/x/", "//cdn.example.org", "/x"},
        {"/", std::nullopt, ""},
        {"/sub/", std::nullopt, "/sub"},
    };
    for (const auto& [base_url, url, base_path] : cases) {
        SCOPED_TRACE(base_url);
        TempDir site;
        write_bytes(site / "hugo.toml", "baseURL = \"" + base_url + "\"\n");
        const Table settings = read_existing("hugo", site.path()).settings;
        if (url)
            EXPECT_EQ(at(settings, "url"), Value(*url));
        else
            EXPECT_EQ(settings.find("url"), nullptr);
        EXPECT_EQ(at(settings, "base_path"), Value(base_path));
    }
}

TEST(HugoConfig, UglyUrlsAreTheHtmlEndingOfThePatterns) {
    TempDir site;
    write_bytes(site / "hugo.toml", "uglyURLs = true\n[permalinks]\nposts = \"/:year/:slug/\"\nnotes = \"/n/:slug\"\n");
    SiteConfig config = read_existing("hugo", site.path());
    EXPECT_EQ(at(config.settings, "permalinks"),
              Value(table_of({{"posts", "/:year/:slug.html"}, {"notes", "/n/:slug.html"}})));
    EXPECT_EQ(config.extras.find("uglyURLs"), nullptr);  // said by the patterns now

    TempDir per_section;
    write_bytes(per_section / "hugo.toml", "[uglyURLs]\nposts = true\n[permalinks]\nposts = \"/:slug/\"\nnotes = \"/n/:slug/\"\n");
    SiteConfig mixed = read_existing("hugo", per_section.path());
    EXPECT_EQ(at(mixed.settings, "permalinks"),
              Value(table_of({{"posts", "/:slug.html"}, {"notes", "/n/:slug/"}})));
    EXPECT_EQ(mixed.extras.find("uglyURLs"), nullptr);

    // A section without a pattern follows uglyURLs too: it stays.
    TempDir patternless;
    write_bytes(patternless / "hugo.toml", "[uglyURLs]\nposts = true\nlinks = true\n[permalinks]\nposts = \"/:slug/\"\n");
    SiteConfig partly = read_existing("hugo", patternless.path());
    EXPECT_EQ(at(partly.settings, "permalinks"), Value(table_of({{"posts", "/:slug.html"}})));
    EXPECT_NE(partly.extras.find("uglyURLs"), nullptr);
}

// --- Jekyll --------------------------------------------------------------------

TEST(JekyllConfig, SiteAddressFromUrlAndBaseurl) {
    const std::vector<std::tuple<std::string, std::optional<std::string>, std::optional<std::string>>> cases = {
        {"url: https://example.org/\nbaseurl: /blog/\n", "https://example.org", "/blog"},
        {"url: https://example.org/docs\nbaseurl: v2\n", "https://example.org", "/docs/v2"},
        {"url: https://example.org\n", "https://example.org", ""},
        {"url: https://example.org\nbaseurl:\n", "https://example.org", ""},
        {"baseurl: /b\n", std::nullopt, "/b"},
        {"title: x\n", std::nullopt, std::nullopt},
    };
    for (const auto& [yaml, url, base_path] : cases) {
        SCOPED_TRACE(yaml);
        TempDir site;
        write_bytes(site / "_config.yml", yaml);
        const Table settings = read_existing("jekyll", site.path()).settings;
        EXPECT_EQ(settings.find("url") ? std::optional(settings.find("url")->as_string()) : std::nullopt, url);
        EXPECT_EQ(settings.find("base_path") ? std::optional(settings.find("base_path")->as_string()) : std::nullopt,
                  base_path);
    }
}

TEST(JekyllConfig, LangElseLocaleIsTheLanguage) {
    TempDir site;
    write_bytes(site / "_config.yml", "locale: fr_FR\n");
    EXPECT_EQ(at(read_existing("jekyll", site.path()).settings, "language"), Value("fr_FR"));
    write_bytes(site / "_config.yml", "lang: de\nlocale: de_DE\n");
    SiteConfig both = read_existing("jekyll", site.path());
    EXPECT_EQ(at(both.settings, "language"), Value("de"));
    EXPECT_EQ(at(both.extras, "locale"), Value("de_DE"));
}

TEST(JekyllConfig, CollectionPermalinksAreSectionPatterns) {
    TempDir site;
    write_bytes(site / "_config.yml",
                "permalink: pretty\ncollections:\n  recipes:\n    output: true\n    permalink: /r/:title:output_ext\n"
                "  staff:\n    output: false\n");
    SiteConfig config = read_existing("jekyll", site.path());
    EXPECT_EQ(at(config.settings, "permalinks"),
              Value(table_of({{"posts", "/:categories/:year/:month/:day/:slugorfilename/"},
                              {"recipes", "/r/:slugorfilename.html"}})));
    EXPECT_EQ(keys_of(config.extras), (std::vector<std::string>{"collections"}));
}

TEST(JekyllConfig, PostsCollectionPermalinkBeatsTheSiteOne) {
    TempDir site;
    write_bytes(site / "_config.yml", "permalink: pretty\ncollections:\n  posts:\n    permalink: /blog/:title/\n");
    SiteConfig config = read_existing("jekyll", site.path());
    EXPECT_EQ(at(config.settings, "permalinks"), Value(table_of({{"posts", "/blog/:slugorfilename/"}})));
    // It still says how pages' URLs end, so it stays.
    EXPECT_EQ(at(config.extras, "permalink"), Value("pretty"));
}

// --- Malformed files -------------------------------------------------------------

TEST(SiteConfigRead, MalformedFilesThrowParseErrorAtFileAndLine) {
    struct Case {
        std::string platform;
        std::string file;
        std::string text;
        int line;
    };
    const std::vector<Case> cases = {
        {"hugo", "hugo.toml", "title = \"x\"\nbaseURL = \n", 2},
        {"hugo", "config.yaml", "title: x\nparams: [\n", 0},
        {"hugo", "config.json", "{\n  \"title\": \"x\",\n  oops\n}\n", 3},
        {"hugo", "config/_default/params.toml", "a = 1\n[b\n", 2},
        {"jekyll", "_config.yml", "title: x\nbad: [unclosed\nmore: y\n", 0},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        TempDir site;
        write_bytes(site / c.file, c.text);
        Warnings warnings;
        try {
            (void)read_site(c.platform, site.path(), warnings);
            ADD_FAILURE() << "no ParseError";
        } catch (const ParseError& error) {
            EXPECT_EQ(error.where().path, (site / c.file).string());
            if (c.line > 0)
                EXPECT_EQ(error.where().line, c.line) << error.what();
            else
                EXPECT_GT(error.where().line, 1) << error.what();
        }
    }
}

// --- Permalink tokens (platforms.md section 4) ------------------------------------

TEST(ConfigPermalinkTokens, JekyllStyleNamesExpandFirst) {
    EXPECT_EQ(common_from_jekyll("date"), "/:categories/:year/:month/:day/:slugorfilename.html");
    EXPECT_EQ(common_from_jekyll("pretty"), "/:categories/:year/:month/:day/:slugorfilename/");
    EXPECT_EQ(common_from_jekyll("ordinal"), "/:categories/:year/:002/:slugorfilename.html");
    EXPECT_EQ(common_from_jekyll("weekdate"), "/:categories/:year/W:week/:Mon/:slugorfilename.html");
    EXPECT_EQ(common_from_jekyll("none"), "/:categories/:slugorfilename.html");
    TempDir site;
    write_bytes(site / "_config.yml", "title: no permalink\n");
    EXPECT_EQ(at(at(read_existing("jekyll", site.path()).settings, "permalinks").as_table(), "posts"),
              Value("/:categories/:year/:month/:day/:slugorfilename.html"));
}

// Placeholders with the same meaning on both sides: exact both ways, no warning.
TEST(ConfigPermalinkTokens, ExactPairsBothWays) {
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"/:year/:month/:day/:title/", "/:year/:month/:day/:slugorfilename/"},
        {"/:i_month/:i_day/:short_year/:hour/:minute/:second/", "/:1/:2/:06/:15/:04/:05/"},
        {"/:short_month/:long_month/:y_day/:short_day/:long_day/", "/:Jan/:monthname/:002/:Mon/:weekdayname/"},
        {"/:year/:title:output_ext", "/:year/:slugorfilename.html"},
        {"/static/:title", "/static/:slugorfilename"},
    };
    for (const auto& [jekyll, common] : pairs) {
        SCOPED_TRACE(jekyll);
        EXPECT_EQ(common_from_jekyll(jekyll), common);
        Warnings warnings;
        EXPECT_EQ(jekyll_from_common("posts", common, warnings), jekyll);
        EXPECT_FALSE(warns_about(warnings, "permalink token")) << describe(warnings);
    }
    // Second spellings of the same placeholders.
    EXPECT_EQ(common_from_jekyll("/:slug/"), "/:slugorfilename/");
    Warnings warnings;
    EXPECT_EQ(jekyll_from_common("posts", "/:2006/:01/:02/:January/:Monday/:slugorcontentbasename/", warnings),
              "/:year/:month/:day/:long_month/:long_day/:title/");
    EXPECT_FALSE(warns_about(warnings, "permalink token")) << describe(warnings);
}

TEST(ConfigPermalinkTokens, JekyllOnlyPlaceholdersStayInTheCommonPattern) {
    const std::string pattern = "/:categories/:slugified_categories/:w_year/:week/:w_day/:collection/:path/:name/";
    EXPECT_EQ(common_from_jekyll(pattern), pattern);
    Warnings warnings;
    EXPECT_EQ(jekyll_from_common("posts", pattern, warnings), pattern);
    EXPECT_FALSE(warns_about(warnings, "permalink token")) << describe(warnings);
}

TEST(ConfigPermalinkTokens, HugoTokensWithoutAnExactJekyllFormAreWarned) {
    struct Case {
        std::string common;
        std::string jekyll;
        std::string warned;
    };
    const std::vector<Case> cases = {
        {"/:year/:slug/", "/:year/:title/", ":slug"},
        {"/:title/", "/:title/", ":title"},
        {"/:filename/", "/:title/", ":filename"},
        {"/:yearday/", "/:y_day/", ":yearday"},
        {"/:weekday/", "/:w_day/", ":weekday"},
        {"/:sections/:slugorfilename/", "/blog/:title/", ":sections"},
        {"/:year/:MST/:slugorfilename/", "/:year/:title/", ":MST"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.common);
        Warnings warnings;
        EXPECT_EQ(jekyll_from_common("blog", c.common, warnings), c.jekyll);
        EXPECT_TRUE(warns_about(warnings, "permalink token " + c.warned)) << describe(warnings);
    }
    // A section is its own name: exact.
    Warnings warnings;
    EXPECT_EQ(jekyll_from_common("blog", "/:section/:year/:slugorfilename/", warnings), "/blog/:year/:title/");
    EXPECT_FALSE(warns_about(warnings, "permalink token")) << describe(warnings);
}

TEST(ConfigPermalinkTokens, HugoLeavesOutWhatItCannotSayAndMakesHtmlUgly) {
    Warnings warnings;
    Table hugo = hugo_from_common(
        table_of({{"posts", "/:categories/:year/:month/:day/:slugorfilename.html"}}), warnings);
    EXPECT_EQ(at(hugo, "uglyURLs"), Value(true));
    EXPECT_EQ(at(hugo, "permalinks"), Value(table_of({{"posts", "/:year/:month/:day/:slugorfilename"}})));
    EXPECT_TRUE(warns_about(warnings, "permalink token :categories")) << describe(warnings);

    Warnings weekdate;
    hugo = hugo_from_common(table_of({{"posts", "/:categories/:year/W:week/:Mon/:slugorfilename.html"}}), weekdate);
    EXPECT_EQ(at(hugo, "permalinks"), Value(table_of({{"posts", "/:year/W/:Mon/:slugorfilename"}})));
    EXPECT_TRUE(warns_about(weekdate, "permalink token :week")) << describe(weekdate);

    // Only some sections with file URLs: uglyURLs per section.
    Warnings mixed;
    hugo = hugo_from_common(table_of({{"posts", "/:slugorfilename.html"}, {"notes", "/n/:slugorfilename/"}}), mixed);
    EXPECT_EQ(at(hugo, "uglyURLs"), Value(table_of({{"posts", true}})));
    EXPECT_EQ(at(hugo, "permalinks"),
              Value(table_of({{"posts", "/:slugorfilename"}, {"notes", "/n/:slugorfilename/"}})));

    // Hugo 0.144's names are written as 0.111's.
    Warnings renamed;
    hugo = hugo_from_common(table_of({{"posts", "/:contentbasename/:slugorcontentbasename/"}}), renamed);
    EXPECT_EQ(at(hugo, "permalinks"), Value(table_of({{"posts", "/:filename/:slugorfilename/"}})));
    EXPECT_TRUE(renamed.empty()) << describe(renamed);
}

// --- Which section Jekyll's one permalink is for -------------------------------------

TEST(JekyllConfigWrite, PermalinkComesFromThePostsSection) {
    Warnings warnings;
    SiteConfig config = hugo_config_with(table_of({{"permalinks", table_of({{"notes", "/n/:slug/"},
                                                                             {"tags", "/topics/:slug/"},
                                                                             {"post", "/:year/:slugorfilename/"}})}}));
    auto files = platform("jekyll").write_config(config, warnings);
    Warnings ignored;
    Table written = parse_yaml(file_named(files, "_config.yml")->bytes, YamlDialect::Psych, {}, ignored);
    EXPECT_EQ(at(written, "permalink"), Value("/:year/:title/"));
    EXPECT_TRUE(warns_about(warnings, "section 'notes'")) << describe(warnings);
    EXPECT_TRUE(warns_about(warnings, "taxonomy 'tags'")) << describe(warnings);
}

TEST(JekyllConfigWrite, WithoutPatternsHugosDefaultUrlsAreWritten) {
    Warnings warnings;
    auto files = platform("jekyll").write_config(hugo_config_with(table_of({{"title", "T"}})), warnings);
    Warnings ignored;
    Table written = parse_yaml(file_named(files, "_config.yml")->bytes, YamlDialect::Psych, {}, ignored);
    EXPECT_EQ(at(written, "permalink"), Value("/posts/:title/"));
    EXPECT_TRUE(warns_about(warnings, "no permalink pattern for section 'posts'")) << describe(warnings);
    // Hugo's main section, when the site names it.
    Warnings main;
    files = platform("jekyll").write_config(
        hugo_config_with(table_of({{"params", table_of({{"mainSections", Array{Value("blog")}}})}})), main);
    written = parse_yaml(file_named(files, "_config.yml")->bytes, YamlDialect::Psych, {}, ignored);
    EXPECT_EQ(at(written, "permalink"), Value("/blog/:title/"));
}

TEST(JekyllConfigWrite, AlwaysSaysTheExcerptSeparatorAndTimeZone) {
    Warnings warnings;
    auto files = platform("jekyll").write_config(hugo_config_with(table_of({{"title", "T"}})), warnings);
    Warnings ignored;
    Table written = parse_yaml(file_named(files, "_config.yml")->bytes, YamlDialect::Psych, {}, ignored);
    EXPECT_EQ(at(written, "excerpt_separator"), Value("<!--more-->"));
    EXPECT_EQ(at(written, "timezone"), Value("UTC"));  // Hugo's zone when it has none
}

// --- Extras of the other platform ------------------------------------------------------

TEST(HugoConfigWrite, JekyllPluginsCollectionsAndDefaultsAreReportedAndRecorded) {
    TempDir jekyll_site;
    write_bytes(jekyll_site / "_config.yml",
                "title: T\nplugins: [jekyll-feed, jekyll-seo-tag]\ncollections:\n  recipes:\n    output: true\n"
                "defaults:\n  - scope: {path: \"\"}\n    values: {layout: post}\nsass:\n  style: compressed\n");
    SiteConfig config = read_existing("jekyll", jekyll_site.path());
    EXPECT_EQ(keys_of(config.extras), (std::vector<std::string>{"plugins", "collections", "defaults", "sass"}));

    Warnings warnings;
    auto files = platform("hugo").write_config(config, warnings);
    for (std::string_view key : {"'plugins'", "'collections'", "'defaults'", "'sass'"})
        EXPECT_TRUE(warns_about(warnings, key)) << key << "\n" << describe(warnings);
    // Not in hugo.toml, where Hugo would take them for its own.
    const Table hugo = parse_toml(file_named(files, "hugo.toml")->bytes, {});
    for (std::string_view key : {"plugins", "collections", "defaults", "sass"}) EXPECT_EQ(hugo.find(key), nullptr);
    const OutputFile* record = file_named(files, ".postport/config-extras.json");
    ASSERT_NE(record, nullptr);
    const Table extras = at(parse_json(record->bytes, {}), "extras").as_table();
    EXPECT_EQ(keys_of(extras), (std::vector<std::string>{"jekyll:plugins", "jekyll:collections", "jekyll:defaults",
                                                         "jekyll:sass"}));
    EXPECT_EQ(at(extras, "jekyll:plugins"), Value(Array{Value("jekyll-feed"), Value("jekyll-seo-tag")}));
}

TEST(HugoConfigWrite, OrderAndDescriptionForThemes) {
    TempDir jekyll_site;
    write_bytes(jekyll_site / "_config.yml",
                "title: T\ndescription: D\nurl: https://example.org\nbaseurl: /blog\nlang: en\n"
                "timezone: Europe/Paris\npermalink: pretty\n");
    Warnings warnings;
    auto files = platform("hugo").write_config(read_existing("jekyll", jekyll_site.path()), warnings);
    const Table hugo = parse_toml(file_named(files, "hugo.toml")->bytes, {});
    EXPECT_EQ(keys_of(hugo), (std::vector<std::string>{"baseURL", "languageCode", "title", "description",
                                                       "timeZone", "permalinks", "params"}));
    EXPECT_EQ(at(hugo, "baseURL"), Value("https://example.org/blog/"));
    // Hugo 0.111's templates see only params.description.
    EXPECT_EQ(at(hugo, "params"), Value(table_of({{"description", "D"}})));
}

// --- Round trips ---------------------------------------------------------------------------

class ConfigRoundTrip : public ::testing::Test {
protected:
    // `from`'s config at `source` -> `to` -> back to `from`: same settings and extras.
    static void expect_round_trip(std::string_view from, std::string_view to, const fs::path& source) {
        const SiteConfig original = read_existing(from, source);
        TempDir there;
        TempDir back;
        Warnings warnings;
        const SiteConfig converted = through(to, original, there.path(), warnings);
        const SiteConfig returned = through(from, converted, back.path(), warnings);
        EXPECT_EQ(returned.settings, original.settings)
            << "original " << describe(original.settings) << "\nreturned " << describe(returned.settings);
        EXPECT_EQ(returned.extras, original.extras)
            << "original " << describe(original.extras) << "\nreturned " << describe(returned.extras);
        // And once more: a config written from read settings reads the same.
        TempDir again;
        EXPECT_EQ(through(from, original, again.path(), warnings).settings, original.settings);
    }
};

TEST_F(ConfigRoundTrip, HugoSampleThroughJekyll) { expect_round_trip("hugo", "jekyll", samples_dir() / "hugo"); }

TEST_F(ConfigRoundTrip, JekyllSampleThroughHugo) { expect_round_trip("jekyll", "hugo", samples_dir() / "jekyll"); }

TEST_F(ConfigRoundTrip, RichHugoConfigThroughJekyll) {
    TempDir site;
    write_bytes(site / "hugo.toml", R"(baseURL = "https://example.org/blog/"
languageCode = "de"
title = "Blog"
description = "Top"
timeZone = "Europe/Berlin"
paginate = 7
summaryLength = 30
uglyURLs = true
enableEmoji = true
[taxonomies]
tag = "tags"
series = "series"
[permalinks]
posts = "/:year/:yearday/:slug/"
notes = "/:section/:title/"
series = "/s/:slug/"
[params]
mainSections = ["posts"]
subtitle = "Sub"
[params.author]
name = "A"
)");
    expect_round_trip("hugo", "jekyll", site.path());
}

TEST_F(ConfigRoundTrip, RichJekyllConfigThroughHugo) {
    TempDir site;
    write_bytes(site / "_config.yml", R"(title: Blog
locale: fr_FR
url: https://example.org/docs
baseurl: /v2
permalink: /:categories/:i_month/:short_day/:title:output_ext
excerpt_separator: "<!-- more -->"
paginate: 5
paginate_path: /page:num/
plugins:
  - jekyll-feed
collections:
  recipes:
    output: true
    permalink: /r/:title/
params:
  flavor: vanilla
exclude: [Gemfile, vendor]
future: true
)");
    expect_round_trip("jekyll", "hugo", site.path());
}

TEST_F(ConfigRoundTrip, HugoWithoutPermalinksThroughJekyll) {
    TempDir site;
    write_bytes(site / "hugo.toml", "title = \"T\"\n");
    expect_round_trip("hugo", "jekyll", site.path());
}

TEST(ConfigRecord, AnEditedConfigFileWinsOverTheRecord) {
    TempDir there;
    Warnings warnings;
    write_files(there.path(), platform("hugo").write_config(read_existing("jekyll", samples_dir() / "jekyll"), warnings));
    // The record still says the posts had :categories; an edit of the pattern since wins.
    std::string hugo_toml = read_bytes(there / "hugo.toml");
    const std::string old_pattern = "/:year/:month/:day/:slugorfilename";
    hugo_toml.replace(hugo_toml.find(old_pattern), old_pattern.size(), "/:year/:slugorfilename");
    write_bytes(there / "hugo.toml", hugo_toml);
    EXPECT_EQ(at(read_existing("hugo", there.path()).settings, "permalinks"),
              Value(table_of({{"posts", "/:year/:slugorfilename.html"}})));
}

TEST(ConfigRecord, AnUnreadableRecordIsReportedAndIgnored) {
    TempDir site;
    write_bytes(site / "hugo.toml", "title = \"T\"\n");
    write_bytes(site / ".postport/config-extras.json", "{ not json");
    Warnings warnings;
    auto config = read_site("hugo", site.path(), warnings);
    ASSERT_TRUE(config.has_value());
    EXPECT_EQ(at(config->settings, "title"), Value("T"));
    EXPECT_TRUE(has_warning(warnings, WarningKind::RoundTripRecord)) << describe(warnings);
}

// --- The real generators -----------------------------------------------------------------

class ConfigGenerators : public ::testing::Test {
protected:
    static RunResult run_hugo(const std::vector<std::string>& arguments) {
        std::vector<std::string> command{find_program("hugo").string()};
        command.insert(command.end(), arguments.begin(), arguments.end());
        return run(command);
    }

    static RunResult run_jekyll(const fs::path& source) {
        return run({find_program("env").string(), "LANG=C.UTF-8", "TZ=UTC", "jekyll", "build", "--source",
                    source.string(), "--destination", (source / "_site").string()});
    }
};

TEST_F(ConfigGenerators, HugoAcceptsTheConfigWrittenForTheJekyllSample) {
    if (find_program("hugo").empty()) GTEST_SKIP() << "hugo is not installed";
    TempDir site;
    Warnings warnings;
    write_files(site.path(), platform("hugo").write_config(read_existing("jekyll", samples_dir() / "jekyll"), warnings));
    RunResult config = run_hugo({"config", "--source", site.path().string()});
    ASSERT_EQ(config.exit_code, 0) << config.out << config.err;
    EXPECT_NE(config.out.find("timezone = \"America/Los_Angeles\""), std::string::npos) << config.out;
    EXPECT_NE(config.out.find("uglyurls = true"), std::string::npos) << config.out;

    // Built, a post and a page get the URLs Jekyll gave them (Hugo lower-cases URLs).
    write_bytes(site / "layouts/_default/single.html", "{{ .Title }}\n");
    write_bytes(site / "content/posts/hello-jekyll.md",
                "---\ntitle: Hello\ndate: 2021-09-27T10:00:00-07:00\n---\nHi\n");
    write_bytes(site / "content/about.md", "---\ntitle: About\n---\nMe\n");
    RunResult built = run_hugo({"--source", site.path().string(), "--quiet"});
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    EXPECT_TRUE(fs::exists(site / "public/2021/09/27/hello-jekyll.html")) << describe_tree(site / "public");
    EXPECT_TRUE(fs::exists(site / "public/about.html")) << describe_tree(site / "public");
}

TEST_F(ConfigGenerators, HugoAcceptsEveryJekyllStyleAsAPattern) {
    if (find_program("hugo").empty()) GTEST_SKIP() << "hugo is not installed";
    TempDir jekyll_site;
    write_bytes(jekyll_site / "_config.yml",
                "permalink: weekdate\ncollections:\n  a:\n    permalink: /a/:categories/:year/:month/:day/:title/\n"
                "  b:\n    permalink: /b/:year/:y_day/:title:output_ext\n  c:\n    permalink: /c/:categories/:title:output_ext\n"
                "  d:\n    permalink: /d/:i_month/:i_day/:short_year/:hour/:minute/:second/:long_month/:long_day/:slug/\n");
    TempDir site;
    Warnings warnings;
    write_files(site.path(), platform("hugo").write_config(read_existing("jekyll", jekyll_site.path()), warnings));
    write_bytes(site / "layouts/_default/single.html", "{{ .Title }}\n");
    for (std::string section : {"posts", "a", "b", "c", "d"})
        write_bytes(site / "content" / section / "p.md", "---\ntitle: P\ndate: 2021-09-27T10:00:00Z\n---\nx\n");
    RunResult built = run_hugo({"--source", site.path().string(), "--quiet"});
    EXPECT_EQ(built.exit_code, 0) << read_bytes(site / "hugo.toml") << built.out << built.err;
    EXPECT_TRUE(fs::exists(site / "public/2021/w/mon/p.html")) << describe_tree(site / "public");
    EXPECT_TRUE(fs::exists(site / "public/d/9/27/21/10/00/00/september/monday/p/index.html"))
        << describe_tree(site / "public");
}

TEST_F(ConfigGenerators, JekyllBuildsWithTheConfigWrittenForTheHugoSample) {
    if (find_program("jekyll").empty()) GTEST_SKIP() << "jekyll is not installed";
    TempDir site;
    Warnings warnings;
    write_files(site.path(), platform("jekyll").write_config(read_existing("hugo", samples_dir() / "hugo"), warnings));
    write_bytes(site / "_posts/2021-09-27-hello.md", "---\ntitle: Hello\n---\nHi\n\n<!--more-->\n\nRest\n");
    write_bytes(site / "_layouts/default.html", "{{ site.description }}|{{ site.params.description }}\n");
    write_bytes(site / "index.html", "---\nlayout: default\n---\n");
    RunResult built = run_jekyll(site.path());
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    EXPECT_EQ(built.err.find("Error"), std::string::npos) << built.err;
    // Hugo's /:year/:month/:slug/ for section post.
    EXPECT_TRUE(fs::exists(site / "_site/2021/09/hello/index.html")) << describe_tree(site / "_site");
    EXPECT_EQ(read_bytes(site / "_site/index.html"),
              "Occasional notes on markets, tooling and moving blogs around.|"
              "Occasional notes on markets, tooling and moving blogs around.\n");
}

TEST_F(ConfigGenerators, BothAcceptTheConfigsThatCameBack) {
    if (find_program("hugo").empty() || find_program("jekyll").empty()) GTEST_SKIP() << "hugo or jekyll is not installed";
    Warnings warnings;
    TempDir jekyll_there;
    TempDir hugo_back;
    through("hugo", through("jekyll", read_existing("hugo", samples_dir() / "hugo"), jekyll_there.path(), warnings),
            hugo_back.path(), warnings);
    RunResult config = run_hugo({"config", "--source", hugo_back.path().string()});
    EXPECT_EQ(config.exit_code, 0) << read_bytes(hugo_back / "hugo.toml") << config.out << config.err;

    TempDir hugo_there;
    TempDir jekyll_back;
    through("jekyll", through("hugo", read_existing("jekyll", samples_dir() / "jekyll"), hugo_there.path(), warnings),
            jekyll_back.path(), warnings);
    write_bytes(jekyll_back / "_posts/2021-09-27-hello.md", "---\ntitle: Hello\n---\nHi\n");
    RunResult built = run_jekyll(jekyll_back.path());
    ASSERT_EQ(built.exit_code, 0) << read_bytes(jekyll_back / "_config.yml") << built.out << built.err;
    EXPECT_TRUE(fs::exists(jekyll_back / "_site/2021/09/27/hello.html")) << describe_tree(jekyll_back / "_site");
}

TEST_F(ConfigGenerators, JekyllAcceptsEveryHugoTokenAsAPlaceholder) {
    if (find_program("jekyll").empty()) GTEST_SKIP() << "jekyll is not installed";
    TempDir site;
    Warnings warnings;
    SiteConfig config = hugo_config_with(table_of(
        {{"permalinks",
          table_of({{"post", "/:section/:sections/:year/:month/:monthname/:day/:weekday/:weekdayname/:yearday/"
                             ":1/:2/:06/:15/:04/:05/:Jan/:Mon/:002/:MST/:sections[1:]/:title/:slug/:filename.html"}})}}));
    write_files(site.path(), platform("jekyll").write_config(config, warnings));
    write_bytes(site / "_posts/post/2021-09-27-p.md", "---\ntitle: P\ndate: 2021-09-27 10:00:00 +0000\n---\nx\n");
    RunResult built = run_jekyll(site.path());
    ASSERT_EQ(built.exit_code, 0) << read_bytes(site / "_config.yml") << built.out << built.err;
    EXPECT_TRUE(fs::exists(site / "_site/post/post/2021/09/September/27/1/Monday/270/9/27/21/10/00/00/Sep/Mon/270/post/"
                                  "p/p/p.html"))
        << read_bytes(site / "_config.yml") << describe_tree(site / "_site");
}
