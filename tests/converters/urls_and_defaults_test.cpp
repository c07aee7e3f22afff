// What a site's config says of its articles holds on the other platform:
// their URLs (each platform says where its site publishes an article, and a
// writer whose site would publish it elsewhere gives it its own url) and
// Jekyll's front matter defaults, as keys the way back removes.
#include <gtest/gtest.h>

#include "converters/jekyll/urls.h"
#include "core/fields.h"
#include "tests/support/convert.h"

namespace fs = std::filesystem;
using namespace postport;
using namespace postport::test;

namespace {

SiteConfig site_config(std::string_view platform_name, std::string_view config_file, std::string_view text) {
    TempDir site;
    write_bytes(site / config_file, text);
    Warnings warnings;
    auto config = platform(platform_name).read_config(site.path(), warnings);
    if (!config) throw std::logic_error("no config read");
    return *config;
}

// `bytes` read at `path` and put in common form, as a site conversion does.
Document common_document(std::string_view platform_name, std::string_view bytes, std::string path) {
    Document document = read_as(platform_name, bytes, std::move(path));
    Warnings warnings;
    platform(platform_name).to_common(document, warnings);
    return document;
}

std::optional<std::string> jekyll_url_of(std::string_view config, std::string_view bytes, std::string path) {
    return platform("jekyll").published_url(common_document("jekyll", bytes, std::move(path)),
                                            site_config("jekyll", "_config.yml", config));
}

std::string post(std::string_view front_matter) { return "---\n" + std::string(front_matter) + "---\nText.\n"; }

}  // namespace

TEST(JekyllUrl, PostsFollowThePatternWithCategoriesAndTheSiteZone) {
    const std::string config = "timezone: America/Los_Angeles\n";  // the default "date" style
    EXPECT_EQ(jekyll_url_of(config, post("categories: [News, Big Deals]\n"), "_posts/2021-09-27-hello.md"),
              "/news/big%20deals/2021/09/27/hello.html");
    // 02:00 at +02:00 is still the 30th of November in Los Angeles.
    EXPECT_EQ(jekyll_url_of(config, post("date: 2021-12-01 02:00:00 +02:00\n"), "_posts/2021-12-01-late.md"),
              "/2021/11/30/late.html");
    // A zone-less time is UTC (as Psych reads it), shown in the site's zone.
    EXPECT_EQ(jekyll_url_of(config, post("date: 2021-12-01 05:00:00\n"), "_posts/2021-12-01-utc.md"),
              "/2021/11/30/utc.html");
    // Without a timezone: UTC. Folders above _posts are categories first.
    EXPECT_EQ(jekyll_url_of("permalink: pretty\n", post("date: 2021-12-01 02:00:00 +02:00\ncategory: Misc\n"),
                            "blog/_posts/2021-12-01-late.md"),
              "/blog/misc/2021/12/01/late/");
    // The front matter slug, cased, with Jekyll's "pretty" slugging.
    EXPECT_EQ(jekyll_url_of("permalink: /:year/:i_month/:title/\n", post("slug: Hello World\n"),
                            "_posts/2021-03-04-x.md"),
              "/2021/3/Hello-World/");
    EXPECT_EQ(jekyll_url_of("permalink: /:short_year/:y_day/:long_month-:short_day-W:week/:title:output_ext\n",
                            post(""), "_posts/2021-01-03-x.md"),
              "/21/003/January-Sun-W53/x.html");
    // collections.posts.permalink wins over `permalink`.
    EXPECT_EQ(jekyll_url_of("permalink: pretty\ncollections:\n  posts:\n    permalink: /p/:title/\n", post(""),
                            "_posts/2021-03-04-x.md"),
              "/p/x/");
    // Its own permalink, placeholders and all.
    EXPECT_EQ(jekyll_url_of("", post("permalink: /archive/:year/:title/\n"), "_posts/2021-03-04-x.md"),
              "/archive/2021/x/");
}

TEST(JekyllUrl, PagesEndAsTheStyleSays) {
    const std::string page = post("title: Page\n");
    EXPECT_EQ(jekyll_url_of("", page, "docs/setup.md"), "/docs/setup.html");
    EXPECT_EQ(jekyll_url_of("permalink: pretty\n", page, "docs/setup.md"), "/docs/setup/");
    EXPECT_EQ(jekyll_url_of("permalink: /:year/:title\n", page, "setup.md"), "/setup");
    EXPECT_EQ(jekyll_url_of("", page, "docs/index.md"), "/docs/");
    EXPECT_EQ(jekyll_url_of("", post("permalink: /about/\n"), "about.md"), "/about/");
}

TEST(JekyllUrl, UnknownWhenJekyllWouldNotSay) {
    // An undated draft is dated by its file's time.
    EXPECT_EQ(jekyll_url_of("", post("title: Draft\n"), "_drafts/idea.md"), std::nullopt);
    EXPECT_EQ(jekyll_url_of("timezone: Mars/Olympus_Mons\n", post(""), "_posts/2021-03-04-x.md"), std::nullopt);
    EXPECT_EQ(jekyll_url_of("permalink: /:path/:title/\n", post(""), "_posts/2021-03-04-x.md"), std::nullopt);
}

TEST(HugoUrl, PatternsDefaultsBundlesAndUglyUrls) {
    const SiteConfig config = site_config("hugo", "hugo.toml",
                                          "[permalinks]\nposts = \"/:year/:month/:slugorfilename/\"\n"
                                          "notes = \"/:sections/:2-:Jan/:filename/\"\n");
    auto url_of = [&](std::string_view bytes, std::string path) {
        return platform("hugo").published_url(common_document("hugo", bytes, std::move(path)), config);
    };
    // Dates as written, in their own offset; Hugo lower-cases what it makes.
    EXPECT_EQ(url_of(post("date: 2021-12-01T02:00:00+02:00\n"), "content/posts/My-Post.md"), "/2021/12/my-post/");
    EXPECT_EQ(url_of(post("date: 2021-12-01\nslug: other\n"), "content/posts/x/index.md"), "/2021/12/other/");
    EXPECT_EQ(url_of(post("date: 2021-12-01\n"), "content/notes/a/b.md"), "/notes/a/1-dec/b/");
    EXPECT_EQ(url_of(post("title: About\n"), "content/about.md"), "/about/");
    EXPECT_EQ(url_of(post("title: Docs\n"), "content/docs/_index.md"), "/docs/");
    EXPECT_EQ(url_of(post("url: /Kept/As Is.html\n"), "content/posts/x.md"), "/Kept/As Is.html");
    // What Hugo would rewrite, and translations, are not modelled.
    EXPECT_EQ(url_of(post("date: 2021-12-01\nslug: Hello World\n"), "content/posts/x.md"), std::nullopt);
    EXPECT_EQ(url_of(post("title: À propos\n"), "content/about.fr.md"), std::nullopt);

    const SiteConfig languages = site_config(
        "hugo", "hugo.toml", "defaultContentLanguage = \"en\"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n");
    auto translated = [&](std::string path) {
        return platform("hugo").published_url(common_document("hugo", post("title: A\n"), std::move(path)), languages);
    };
    EXPECT_EQ(translated("content/about.fr.md"), "/fr/about/");
    EXPECT_EQ(translated("content/about.en.md"), "/about/");
    EXPECT_EQ(translated("content/docs/_index.fr.md"), "/fr/docs/");
    EXPECT_EQ(translated("content/about.de.md"), std::nullopt);

    const SiteConfig ugly = site_config("hugo", "hugo.toml", "uglyURLs = true\n");
    EXPECT_EQ(platform("hugo").published_url(common_document("hugo", post("title: A\n"), "content/docs/a.md"), ugly),
              "/docs/a.html");
}

TEST(SiteUrls, JekyllPostsGetAUrlOnlyWhereHugosPatternMovesThem) {
    TempDir hugo;
    RunResult converted = run_postport({"convert", "--from", "jekyll", "--to", "hugo", "--quiet",
                                        (samples_dir() / "jekyll").string(), hugo.path().string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    auto url_of = [&](const std::string& path) -> std::string {
        const Table front_matter = read_as("hugo", read_bytes(hugo / path), path).front_matter;
        const Value* url = front_matter.find(field::url);
        return url && url->is_string() ? url->as_string() : "<none>";
    };
    // :categories has no Hugo form.
    EXPECT_EQ(url_of("content/posts/hello-jekyll.md"), "/news/2021/09/27/hello-jekyll.html");
    EXPECT_EQ(url_of("content/posts/2021/sub-folder.md"), "/tooling/2021/11/11/sub-folder.html");
    // Hugo would take the day from the date's own offset.
    EXPECT_EQ(url_of("content/posts/across-midnight.md"), "/2021/11/30/across-midnight.html");
    // The pattern and uglyURLs say it already.
    EXPECT_EQ(url_of("content/posts/no-categories.md"), "<none>");
    EXPECT_EQ(url_of("content/notes/colophon.md"), "<none>");
    // A permalink of its own is the url it was.
    EXPECT_EQ(url_of("content/about.md"), "/about/");

    // The added url is listed as added, so an edited post loses it on the way back.
    const auto records = records_in(hugo.path());
    ASSERT_EQ(records.count("content/posts/hello-jekyll.md"), 1U);
    EXPECT_EQ(records.at("content/posts/hello-jekyll.md").added_keys, (std::vector<std::string>{"url"}));
    const fs::path post_file = hugo / "content/posts/hello-jekyll.md";
    std::string text = read_bytes(post_file);
    text.replace(text.find("title: Hello, Jekyll"), 20, "title: Hello again");
    write_bytes(post_file, text);
    TempDir jekyll;
    RunResult back = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--quiet", hugo.path().string(),
                                   jekyll.path().string()});
    ASSERT_EQ(back.exit_code, 0) << back.err;
    const std::string restored = read_bytes(jekyll / "_posts/2021-09-27-hello-jekyll.md");
    EXPECT_NE(restored.find("title: Hello again"), std::string::npos) << restored;
    EXPECT_EQ(restored.find("permalink"), std::string::npos) << restored;
}

TEST(SiteUrls, HugoSectionsWithTheirOwnPatternGiveJekyllPermalinks) {
    TempDir hugo;
    write_bytes(hugo / "hugo.toml",
                "[permalinks]\npost = \"/:year/:month/:slugorfilename/\"\nnotes = \"/n/:slugorfilename/\"\n");
    write_bytes(hugo / "content/post/a.md", post("title: A\ndate: 2021-03-04T10:00:00Z\n"));
    write_bytes(hugo / "content/notes/b.md", post("title: B\ndate: 2021-03-05T10:00:00Z\n"));
    TempDir jekyll;
    RunResult converted = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--quiet",
                                        hugo.path().string(), jekyll.path().string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    // Jekyll's `permalink` is the posts' pattern: the notes need their own.
    EXPECT_NE(read_bytes(jekyll / "_config.yml").find("permalink: /:year/:month/:title/"), std::string::npos);
    EXPECT_EQ(read_bytes(jekyll / "_posts/post/2021-03-04-a.md").find("permalink"), std::string::npos);
    EXPECT_NE(read_bytes(jekyll / "_posts/notes/2021-03-05-b.md").find("permalink: /n/b/\n"), std::string::npos);
}

// --- Front matter defaults --------------------------------------------------------

namespace {

Document with_defaults(std::string_view config, std::string_view bytes, std::string path) {
    Document document = read_as("jekyll", bytes, std::move(path));
    platform("jekyll").apply_site_defaults(document, site_config("jekyll", "_config.yml", config));
    return document;
}

std::string string_at(const Document& document, std::string_view key) {
    const Value* value = document.front_matter.find(key);
    return value && value->is_string() ? value->as_string() : "<none>";
}

constexpr std::string_view defaults_config = R"(collections:
  recipes:
    output: true
defaults:
  - scope: {path: ""}
    values: {author: jo, layout: default, sidebar: {show: true}}
  - scope: {path: "", type: post}
    values: {layout: post}
  - scope: {path: "blog"}
    values: {layout: blog}
  - scope: {path: "", type: recipes}
    values: {layout: recipe}
  - scope: {path: "docs/*/drafts"}
    values: {published: false}
)";

}  // namespace

TEST(JekyllDefaults, ScopesApplyAsJekyllRanksThem) {
    const Document post = with_defaults(defaults_config, "---\ntitle: A\n---\n", "_posts/2021-01-02-a.md");
    EXPECT_EQ(string_at(post, "layout"), "post");  // typed beats untyped at the same path
    EXPECT_EQ(string_at(post, "author"), "jo");
    EXPECT_EQ(keys_of(post.front_matter), (std::vector<std::string>{"title", "author", "layout", "sidebar"}));
    EXPECT_EQ(post.added_keys, (std::vector<std::string>{"author", "layout", "sidebar"}));

    // The longer path wins; a draft is a post; a collection is its own type.
    EXPECT_EQ(string_at(with_defaults(defaults_config, "---\n---\n", "blog/_posts/2021-01-02-a.md"), "layout"), "blog");
    EXPECT_EQ(string_at(with_defaults(defaults_config, "---\n---\n", "_drafts/a.md"), "layout"), "post");
    EXPECT_EQ(string_at(with_defaults(defaults_config, "---\n---\n", "_recipes/soup.md"), "layout"), "recipe");
    EXPECT_EQ(string_at(with_defaults(defaults_config, "---\n---\n", "about.md"), "layout"), "default");

    // The file's own keys win, and are not added.
    const Document own = with_defaults(defaults_config, "---\nlayout: mine\nauthor: al\n---\n", "_posts/2021-01-02-a.md");
    EXPECT_EQ(string_at(own, "layout"), "mine");
    EXPECT_EQ(own.added_keys, (std::vector<std::string>{"sidebar"}));

    // A glob scope, and a default that unpublishes.
    const Document hidden = with_defaults(defaults_config, "---\n---\n", "docs/v1/drafts/_posts/2021-01-02-a.md");
    EXPECT_EQ(hidden.kind, DocumentKind::Draft);
    EXPECT_EQ(with_defaults(defaults_config, "---\n---\n", "docs/v1/_posts/2021-01-02-a.md").kind, DocumentKind::Post);
}

TEST(JekyllDefaults, HoldOnHugoAndGoAwayOnTheWayBack) {
    TempDir hugo;
    RunResult converted = run_postport({"convert", "--from", "jekyll", "--to", "hugo", "--quiet",
                                        (samples_dir() / "jekyll").string(), hugo.path().string()});
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    // The sample's defaults: layout post for posts (and drafts, which Jekyll types as posts), page for pages.
    auto layout_of = [&](const std::string& path) {
        return string_at(read_as("hugo", read_bytes(hugo / path), path), "layout");
    };
    EXPECT_EQ(layout_of("content/posts/no-categories.md"), "post");
    EXPECT_EQ(layout_of("content/posts/undated-draft.md"), "post");
    EXPECT_EQ(layout_of("content/notes/colophon.md"), "page");

    // Edited on the Hugo side, the post comes back without the default.
    const fs::path post_file = hugo / "content/posts/no-categories.md";
    std::string text = read_bytes(post_file);
    text.replace(text.find("title: A Plain"), 14, "title: Another");
    write_bytes(post_file, text);
    TempDir back;
    RunResult restored = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--quiet",
                                       hugo.path().string(), back.path().string()});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    const std::string post = read_bytes(back / "_posts/2022-08-14-no-categories.md");
    EXPECT_NE(post.find("title: Another"), std::string::npos) << post;
    EXPECT_EQ(post.find("layout"), std::string::npos) << post;
}
