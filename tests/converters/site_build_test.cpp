// The proof that a converted site reads the same: each sample site is built
// with its own generator, its conversion with the other one (the Debian
// packages hugo 0.111.3 and jekyll 4.3.1), and the two builds are compared
// article by article: the page exists at the same URL, same title, same date,
// same tags, and the same text once markup is stripped.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include "tests/support/support.h"

namespace fs = std::filesystem;
using namespace postport;
using namespace postport::test;

namespace {

struct Article {
    std::string title;
    long long date = 0;  // Unix seconds
    std::vector<std::string> tags;
    std::string text;
    std::string url;
    std::string path;  // Jekyll: the source file
    std::string kind;  // Hugo: page, section, home
};

// A JSON listing of every page, added to a Hugo site for the test: regular
// pages, and the home and sections that have a content file (_index.md).
constexpr std::string_view hugo_listing_template =
    R"({{- $out := slice -}}
{{- range .Site.Pages -}}
{{- if or .IsPage (and (or .IsHome .IsSection) .File) -}}
{{- $out = $out | append (dict "title" .Title "date" .Date.Unix "tags" (.Params.tags | default (slice)) "text" .Plain "url" .RelPermalink "kind" .Kind) -}}
{{- end -}}
{{- end -}}
{{- $out | jsonify -}})";

// The same listing for a Jekyll site: its posts, its titled pages and the
// documents of its published collections.
constexpr std::string_view jekyll_listing_page = R"(---
layout: null
permalink: /postport-listing.json
---
[{% assign first = true %}{% for p in site.posts %}{% unless first %},{% endunless %}{% assign first = false %}{"title": {{ p.title | jsonify }}, "date": {{ p.date | date: "%s" | plus: 0 | jsonify }}, "tags": {{ p.tags | jsonify }}, "text": {{ p.content | strip_html | jsonify }}, "url": {{ p.url | jsonify }}, "path": {{ p.path | jsonify }}}{% endfor %}{% for p in site.pages %}{% if p.title and p.url != "/postport-listing.json" %}{% unless first %},{% endunless %}{% assign first = false %}{"title": {{ p.title | jsonify }}, "date": 0, "tags": [], "text": {{ p.content | strip_html | jsonify }}, "url": {{ p.url | jsonify }}}{% endif %}{% endfor %}{% for c in site.collections %}{% if c.label != "posts" and c.output %}{% for p in c.docs %}{% unless first %},{% endunless %}{% assign first = false %}{"title": {{ p.title | jsonify }}, "date": 0, "tags": {{ p.tags | jsonify }}, "text": {{ p.content | strip_html | jsonify }}, "url": {{ p.url | jsonify }}, "path": {{ p.path | jsonify }}}{% endfor %}{% endif %}{% endfor %}]
)";

std::vector<Article> parse_listing(const std::string& json) {
    std::vector<Article> articles;
    for (const auto& item : nlohmann::json::parse(json)) {
        Article article;
        article.title = item.at("title").get<std::string>();
        // Hugo's zero time (year 1) is an undated page.
        constexpr long long hugo_zero_time = -62135596800;
        if (item.at("date").is_number() && item.at("date").get<long long>() != hugo_zero_time)
            article.date = item.at("date").get<long long>();
        if (item.at("tags").is_array())
            for (const auto& tag : item.at("tags")) article.tags.push_back(tag.get<std::string>());
        article.text = item.at("text").get<std::string>();
        article.url = item.at("url").get<std::string>();
        if (item.contains("path")) article.path = item.at("path").get<std::string>();
        if (item.contains("kind")) article.kind = item.at("kind").get<std::string>();
        articles.push_back(std::move(article));
    }
    return articles;
}

// Text as a reader sees it: entities decoded, typographic quotes and dashes
// as plain characters (Goldmark and kramdown pick different ones), words
// separated by single spaces.
std::string normalized_text(std::string text) {
    const std::pair<std::string_view, std::string_view> replacements[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
        {"&#34;", "\""}, {"&rsquo;", "'"}, {"&lsquo;", "'"}, {"&rdquo;", "\""}, {"&ldquo;", "\""},
        {"&hellip;", "..."}, {"&ndash;", "-"}, {"&mdash;", "-"}, {"&nbsp;", " "},
        {"\u2019", "'"}, {"\u2018", "'"}, {"\u201c", "\""}, {"\u201d", "\""}, {"\u2026", "..."},
        {"\u2013", "-"}, {"\u2014", "-"}, {"\u00a0", " "}, {"&#8217;", "'"}, {"&#8220;", "\""},
        {"&#8221;", "\""}, {"&#x27;", "'"}};
    for (const auto& [from, to] : replacements) {
        for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
            text.replace(pos, from.size(), to);
    }
    std::istringstream words(text);
    std::string word;
    std::string out;
    while (words >> word) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

bool has_line_with(const std::string& output, std::string_view needle) {
    return output.find(needle) != std::string::npos;
}

class SiteBuild : public ::testing::Test {
protected:
    void SetUp() override {
        if (find_program("hugo").empty() || find_program("jekyll").empty())
            GTEST_SKIP() << "hugo or jekyll is not installed (scripts/setup installs them)";
    }

    // Builds a Hugo site (a copy, since Hugo writes into its source) and lists it.
    static std::vector<Article> build_hugo(const fs::path& site, const fs::path& work) {
        const fs::path source = work / "hugo-source";
        copy_tree(site, source);
        write_bytes(source / "layouts/index.json", hugo_listing_template);
        std::string config = fs::exists(source / "hugo.toml") ? read_bytes(source / "hugo.toml") : "";
        // A table header after everything else, so that no key moves into it.
        write_bytes(source / "hugo.toml", config + "\n[outputs]\nhome = [\"HTML\", \"RSS\", \"JSON\"]\n");
        RunResult built = run({find_program("hugo").string(), "--source", source.string(), "--destination", (work / "hugo-site").string(),
                               "--buildDrafts", "--quiet"});
        EXPECT_EQ(built.exit_code, 0) << built.out << built.err;
        EXPECT_FALSE(has_line_with(built.out + built.err, "ERROR")) << built.out << built.err;
        return parse_listing(read_bytes(work / "hugo-site/index.json"));
    }

    static std::vector<Article> build_jekyll(const fs::path& site, const fs::path& work) {
        const fs::path source = work / "jekyll-source";
        copy_tree(site, source);
        write_bytes(source / "postport-listing.json", jekyll_listing_page);
        RunResult built = run({find_program("env").string(), "LANG=C.UTF-8", "TZ=UTC", "jekyll", "build", "--source", source.string(),
                               "--destination", (work / "jekyll-site").string(), "--drafts"});
        EXPECT_EQ(built.exit_code, 0) << built.out << built.err;
        EXPECT_FALSE(has_line_with(built.out + built.err, "Liquid Warning")) << built.out << built.err;
        EXPECT_FALSE(has_line_with(built.out + built.err, "Error")) << built.out << built.err;
        return parse_listing(read_bytes(work / "jekyll-site/postport-listing.json"));
    }

    static void expect_same_articles(const std::vector<Article>& original, const std::vector<Article>& converted) {
        std::map<std::string, const Article*> by_title;
        for (const auto& article : converted) by_title[article.title] = &article;
        for (const auto& article : original) {
            if (article.title.empty()) continue;  // nothing to find it by (a file without front matter)
            SCOPED_TRACE("article '" + article.title + "' at " + article.url);
            auto found = by_title.find(article.title);
            ASSERT_NE(found, by_title.end()) << "no converted page has this title";
            const Article& other = *found->second;
            // An undated Jekyll draft is dated by its file's mtime, a Hugo
            // section by its newest page: no date of their own to keep.
            if (article.date != 0 && !article.path.starts_with("_drafts/") &&
                article.kind != "section" && article.kind != "home") {
                EXPECT_EQ(other.date, article.date);
            }
            // An undated Jekyll draft's URL has its file's time in it.
            if (!article.path.starts_with("_drafts/")) {
                EXPECT_EQ(other.url, article.url) << "the page moved";
            }
            EXPECT_EQ(other.tags, article.tags);
            EXPECT_EQ(normalized_text(other.text), normalized_text(article.text))
                << first_difference(normalized_text(article.text), normalized_text(other.text));
        }
    }
};

TEST_F(SiteBuild, HugoSampleReadsTheSameBuiltByJekyll) {
    TempDir work;
    std::vector<Article> hugo = build_hugo(samples_dir() / "hugo", work.path());
    ASSERT_FALSE(hugo.empty());

    RunResult converted = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--quiet",
                                        (samples_dir() / "hugo").string(), (work / "converted").string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    std::vector<Article> jekyll = build_jekyll(work / "converted", work.path());
    expect_same_articles(hugo, jekyll);

    // Shortcode output is there: the seed's iframe with its attributes.
    auto seed = std::find_if(jekyll.begin(), jekyll.end(), [](const Article& a) {
        return a.title == "Cryptocurrency Exchanges Rush to Cut Ties with Chinese Users";
    });
    ASSERT_NE(seed, jekyll.end());
    std::string page = read_bytes(work / "jekyll-site" / (seed->url.substr(1) + (seed->url.ends_with("/") ? "index.html" : "")));
    EXPECT_TRUE(page.find("<iframe") != std::string::npos) << page;
    EXPECT_TRUE(page.find(R"(src="https://www.bounty.group/#slide=11.0")") != std::string::npos) << page;
    EXPECT_TRUE(page.find(R"(height="600")") != std::string::npos) << page;
    EXPECT_TRUE(page.find(R"(style="border: 0px solid rgb(216, 221, 230); border-radius: 3px;")") != std::string::npos)
        << page;

    // A figure's image, and a bundle's image through its rewritten link, are there and exist.
    auto built_page = [&](std::string_view title) {
        auto found = std::find_if(jekyll.begin(), jekyll.end(), [&](const Article& a) { return a.title == title; });
        if (found == jekyll.end()) return std::string();
        return read_bytes(work / "jekyll-site" / (found->url.substr(1) + (found->url.ends_with("/") ? "index.html" : "")));
    };
    std::string shortcodes = built_page("The Built-in Shortcodes I Actually Use");
    EXPECT_TRUE(shortcodes.find(R"(<img src="/images/desk.png")") != std::string::npos) << shortcodes;
    EXPECT_TRUE(fs::exists(work / "jekyll-site/images/desk.png"));
    // The translation keeps the URL of its language's folder (Hugo lists only
    // the default language's pages, so the comparison above does not see it).
    EXPECT_TRUE(fs::exists(work / "hugo-site/fr/about/index.html"));
    auto french = std::find_if(jekyll.begin(), jekyll.end(), [](const Article& a) { return a.title == "À propos"; });
    ASSERT_NE(french, jekyll.end());
    EXPECT_EQ(french->url, "/fr/about/");
    std::string lisbon = built_page("Three Days in Lisbon, Mostly on Tram 28");
    EXPECT_TRUE(lisbon.find(R"(src="/post/trip-to-lisbon/tram.png")") != std::string::npos) << lisbon;
    EXPECT_TRUE(fs::exists(work / "jekyll-site/post/trip-to-lisbon/tram.png"));
}

TEST_F(SiteBuild, JekyllSampleReadsTheSameBuiltByHugo) {
    TempDir work;
    std::vector<Article> jekyll = build_jekyll(samples_dir() / "jekyll", work.path());
    ASSERT_FALSE(jekyll.empty());

    RunResult converted = run_postport({"convert", "--from", "jekyll", "--to", "hugo", "--quiet",
                                        (samples_dir() / "jekyll").string(), (work / "converted").string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    std::vector<Article> hugo = build_hugo(work / "converted", work.path());
    expect_same_articles(jekyll, hugo);
}

// The sample's _recipes/ published as a collection (the sample's own config
// stays as it is, so its recipes are inert there): they become Hugo's
// section `recipes`, with the collection's permalink.
TEST_F(SiteBuild, JekyllCollectionReadsTheSameBuiltByHugo) {
    TempDir work;
    const fs::path site = work / "with-collection";
    copy_tree(samples_dir() / "jekyll", site);
    write_bytes(site / "_config.yml", read_bytes(site / "_config.yml") +
                                          "\ncollections:\n  recipes:\n    output: true\n    permalink: /recipes/:title/\n");
    std::vector<Article> jekyll = build_jekyll(site, work.path());
    const auto recipes = std::count_if(jekyll.begin(), jekyll.end(),
                                       [](const Article& a) { return a.url.starts_with("/recipes/"); });
    ASSERT_EQ(recipes, 2);

    RunResult converted = run_postport({"convert", "--from", "jekyll", "--to", "hugo", "--quiet", site.string(),
                                        (work / "converted").string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    EXPECT_TRUE(fs::exists(work / "converted/content/recipes/bread/sourdough.md"));
    EXPECT_NE(read_bytes(work / "converted/hugo.toml").find("recipes = \"/recipes/:slugorfilename/\""),
              std::string::npos);
    std::vector<Article> hugo = build_hugo(work / "converted", work.path());
    expect_same_articles(jekyll, hugo);

    // And back: the collection's documents where they were.
    TempDir back;
    RunResult restored = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--quiet",
                                       (work / "converted").string(), back.path().string()});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    for (const char* file : {"_recipes/tomato-soup.md", "_recipes/bread/sourdough.md", "_config.yml"})
        EXPECT_EQ(read_bytes(back / file), read_bytes(site / file)) << file;
}

}  // namespace
