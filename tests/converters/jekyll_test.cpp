// The Jekyll reader (front matter, post names, kinds) and the Jekyll -> Hugo
// direction: paths, the file name date, fields and taxonomies.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "converters/common.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

using Strings = std::vector<std::string>;

Document jekyll(std::string_view bytes, std::string path = "_posts/2021-09-27-x.md") {
    return read_as("jekyll", bytes, std::move(path));
}

// Jekyll -> Hugo (YAML front matter), and the output read back as Hugo reads it.
struct ToHugo {
    Conversion conversion;
    Document hugo;
};

ToHugo to_hugo(std::string_view bytes, std::string path = "_posts/2021-09-27-x.md") {
    ToHugo out{convert("jekyll", "hugo", bytes, std::move(path)), {}};
    out.hugo = read_as("hugo", out.conversion.converted.bytes, out.conversion.converted.path);
    return out;
}

std::optional<Date> date_in(const Table& table) {
    const Value* date = table.find("date");
    return date ? date_of(*date) : std::nullopt;
}

// A date-time value, or the text of one (Go YAML may keep it a string), that
// names this moment with this UTC offset, however it is spelled.
void expect_moment(const Value& value, Date date, int hour, int minute, int offset_minutes) {
    std::optional<DateTime> dt;
    if (value.is_datetime()) dt = value.as_datetime();
    else if (value.is_string()) {
        std::string text = value.as_string();
        // Jekyll's "2021-09-27 23:30:00 -05:00": no space before the offset in RFC 3339.
        if (text.size() > 20 && text[19] == ' ') text.erase(19, 1);
        dt = parse_datetime(text);
    }
    ASSERT_TRUE(dt && dt->date && dt->time && dt->offset) << describe(value);
    EXPECT_EQ(*dt->date, date) << describe(value);
    EXPECT_EQ(dt->time->hour, hour) << describe(value);
    EXPECT_EQ(dt->time->minute, minute) << describe(value);
    EXPECT_EQ(dt->offset->minutes, offset_minutes) << describe(value);
}

}  // namespace

// --- Front matter (platforms.md section 3) -----------------------------------

TEST(JekyllRead, YamlBetweenDashLines) {
    Document d = jekyll("---\ntitle: T\n---\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Yaml);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.raw_front_matter, "---\ntitle: T\n---\n");
    EXPECT_EQ(d.body, "Body\n");
    EXPECT_EQ(d.front_matter_line, 2);
}

TEST(JekyllRead, ThreeDotsCloseTheFrontMatter) {
    Document d = jekyll("---\ntitle: T\n...\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Yaml);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.body, "Body\n");
}

TEST(JekyllRead, DelimitersMayHaveTrailingSpaces) {
    Document d = jekyll("---  \ntitle: T\n--- \t\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Yaml);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.body, "Body\n");
}

TEST(JekyllRead, EmptyFrontMatter) {
    Document d = jekyll("---\n---\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Yaml);
    EXPECT_TRUE(d.front_matter.empty());
    EXPECT_EQ(d.body, "Body\n");
}

TEST(JekyllRead, TomlAndBareJsonAreBody) {
    for (const std::string text : {"+++\ntitle = \"T\"\n+++\nBody\n", "{\"title\": \"T\"}\nBody\n"}) {
        Document d = jekyll(text, "about.md");
        EXPECT_EQ(d.format, FrontMatterFormat::None) << text;
        EXPECT_TRUE(d.front_matter.empty()) << text;
        EXPECT_EQ(d.body, text);
    }
}

TEST(JekyllRead, JsonInsideDashesIsYaml) {
    Document d = jekyll("---\n{\"title\": \"T\", \"n\": 1, \"tags\": [\"a\", \"b\"]}\n---\nBody\n");
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(at(d.front_matter, "n"), Value(1));
    EXPECT_EQ(at(d.front_matter, "tags"), Value(Array{Value("a"), Value("b")}));
}

TEST(JekyllRead, FrontMatterMustStartAtTheFirstByte) {
    const std::string text = "\n---\ntitle: T\n---\nBody\n";
    Document d = jekyll(text, "about.md");
    EXPECT_EQ(d.format, FrontMatterFormat::None);
    EXPECT_EQ(d.body, text);
}

TEST(JekyllRead, FourDashesAreBody) {
    const std::string text = "----\ntitle: T\n----\nBody\n";
    Document d = jekyll(text, "about.md");
    EXPECT_EQ(d.format, FrontMatterFormat::None);
    EXPECT_EQ(d.body, text);
}

TEST(JekyllRead, ByteOrderMarkIsSkippedAndRemembered) {
    Document d = jekyll("\xEF\xBB\xBF---\ntitle: T\n---\nBody\n");
    EXPECT_TRUE(d.bom);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.raw_front_matter, "---\ntitle: T\n---\n");
    EXPECT_EQ(d.body, "Body\n");
}

TEST(JekyllRead, CrlfLineBreaks) {
    Document d = jekyll("---\r\ntitle: T\r\ndate: 2021-09-27 10:00:00 -07:00\r\n---\r\nBody\r\nMore\r\n");
    EXPECT_TRUE(d.crlf);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.body, "Body\r\nMore\r\n");
}

TEST(JekyllRead, UnterminatedFrontMatterIsAnError) {
    try {
        (void)jekyll("---\ntitle: T\nBody\n");
        FAIL() << "no ParseError";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().line, 1) << error.what();
    }
}

TEST(JekyllRead, ValuesCarryTheirFileLines) {
    Document d = jekyll("---\ntitle: T\n\ndate: 2021-01-01\ntags:\n  - a\nlast: 1\n---\n");
    EXPECT_EQ(at(d.front_matter, "title").line(), 2);
    EXPECT_EQ(at(d.front_matter, "date").line(), 4);
    EXPECT_EQ(at(d.front_matter, "last").line(), 7);
}

TEST(JekyllRead, BodyIsKeptByteForByte) {
    const std::string body = "\n{% raw %}{{ x }}{% endraw %}\n---\n...\ntrailing  \n\tno final newline";
    EXPECT_EQ(jekyll("---\ntitle: T\n---\n" + body).body, body);
}

TEST(JekyllToHugo, BodyWithoutTemplatesIsKeptByteForByte) {
    const std::string body = "\n---\n...\ntrailing  \n\t<b>html</b> { braces } {{ not liquid\nno final newline";
    ToHugo h = to_hugo("---\ntitle: T\n---\n" + body);
    EXPECT_EQ(h.hugo.body, body);
    EXPECT_TRUE(h.conversion.converted.bytes.ends_with(body)) << h.conversion.converted.bytes;
    EXPECT_TRUE(h.conversion.converted.used_templates.empty());
}

TEST(JekyllToHugo, RawBlockBecomesTheTextItPrints) {
    // Hugo prints `{{ x }}` in content as typed: the raw block is not needed.
    const std::string body = "\n{% raw %}{{ x }}{% endraw %}\n---\n...\ntrailing  \n\tno final newline";
    ToHugo h = to_hugo("---\ntitle: T\n---\n" + body);
    const std::string translated = "\n{{ x }}\n---\n...\ntrailing  \n\tno final newline";
    EXPECT_EQ(h.hugo.body, translated);
    EXPECT_TRUE(h.conversion.converted.bytes.ends_with(translated)) << h.conversion.converted.bytes;
}

TEST(JekyllToHugo, IncludesBecomeShortcodes) {
    ToHugo h = to_hugo("---\ntitle: T\n---\nSee {% include note.html text=\"hi\" %}.\n"
                       "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n");
    EXPECT_EQ(h.hugo.body, "See {{< note text=\"hi\" >}}.\n{{< highlight ruby >}}\nputs 1\n{{< /highlight >}}\n");
    // highlight is Hugo's own; note is the site's and needs a shortcode template.
    EXPECT_EQ(h.conversion.converted.used_templates, (Strings{"note"}));
}

TEST(JekyllToHugo, ShortcodeLookingTextIsEscaped) {
    // Jekyll prints a raw block's `{{< x >}}` as typed; Hugo would run it.
    ToHugo h = to_hugo("---\ntitle: T\n---\nLiteral {% raw %}{{< x >}}{% endraw %} here.\n");
    EXPECT_EQ(h.hugo.body, "Literal {{</* x */>}} here.\n");
    EXPECT_TRUE(h.conversion.converted.used_templates.empty());
}

TEST(JekyllToHugo, BodyWithLiquidComesBackByteForByteThroughTheRecord) {
    const std::string original =
        "---\ntitle: T\n---\n{% include note.html text=\"hi\" %}\n{% raw %}{{ x }}{% endraw %}\n"
        "{%- highlight ruby linenos -%}\nputs 1\n{% endhighlight %}\n{{ page.title }} {{ x | upcase }}\n"
        "{% if page.tags %}tags{% endif %} {{< hugo-looking >}}\n";
    Conversion there = convert("jekyll", "hugo", original, "_posts/2021-09-27-x.md", RecordPlacement::Folder);
    ASSERT_TRUE(there.converted.record.has_value());
    Conversion back = convert("hugo", "jekyll", there.converted.bytes, there.converted.path, RecordPlacement::Folder,
                              there.converted.record);
    EXPECT_TRUE(back.converted.restored);
    EXPECT_EQ(back.converted.path, "_posts/2021-09-27-x.md");
    EXPECT_TRUE(back.converted.bytes == original) << first_difference(original, back.converted.bytes);
}

// --- Post names and kinds ------------------------------------------------------

TEST(JekyllRead, PostTakesDateAndSlugFromItsName) {
    Document d = jekyll("---\ntitle: T\n---\n", "_posts/2021-09-27-hello-world.md");
    EXPECT_EQ(d.kind, DocumentKind::Post);
    EXPECT_EQ(d.path_date, (Date{2021, 9, 27}));
    EXPECT_EQ(d.slug, "hello-world");
    EXPECT_EQ(d.extension, ".md");
}

TEST(JekyllRead, MonthAndDayMayHaveOneDigit) {
    Document d = jekyll("---\ntitle: T\n---\n", "_posts/2021-9-7-x.markdown");
    EXPECT_EQ(d.path_date, (Date{2021, 9, 7}));
    EXPECT_EQ(d.slug, "x");
    EXPECT_EQ(d.extension, ".markdown");
}

TEST(JekyllRead, PostNameWithoutADateIsNotAnArticle) {
    EXPECT_THROW(jekyll("---\ntitle: T\ndate: 2021-09-27\n---\n", "_posts/no-date.md"), NotAnArticle);
}

TEST(JekyllRead, FoldersAroundPosts) {
    EXPECT_EQ(jekyll("---\n---\n", "blog/_posts/2018-06-01-x.md").folders, Strings{"blog"});
    EXPECT_EQ(jekyll("---\n---\n", "_posts/sub/2018-06-01-x.md").folders, Strings{"sub"});
}

TEST(JekyllRead, Kinds) {
    EXPECT_EQ(jekyll("---\ntitle: T\n---\n", "_drafts/x.md").kind, DocumentKind::Draft);
    EXPECT_EQ(jekyll("---\ntitle: T\n---\n", "about.md").kind, DocumentKind::Page);
    EXPECT_EQ(jekyll("---\npublished: false\n---\n").kind, DocumentKind::Draft);
    // Only the bool false hides a post.
    EXPECT_EQ(jekyll("---\npublished: \"false\"\n---\n").kind, DocumentKind::Post);
    EXPECT_EQ(jekyll("---\npublished: true\n---\n").kind, DocumentKind::Post);
}

TEST(JekyllRead, ListsArticlesAsJekyllWould) {
    TempDir site;
    write_bytes(site / "_config.yml", "title: x\n");
    write_bytes(site / "_posts/2021-09-27-a.md", "---\n---\n");
    write_bytes(site / "_posts/.2021-09-27-hidden.md", "---\n---\n");
    write_bytes(site / "_posts/notes.txt", "x");
    write_bytes(site / "_drafts/d.md", "---\n---\n");
    write_bytes(site / "_layouts/post.html", "---\n---\n");
    write_bytes(site / "about.md", "---\ntitle: About\n---\n");
    write_bytes(site / "static.md", "no front matter\n");
    write_bytes(site / "blog/_posts/2018-06-01-b.md", "---\n---\n");
    write_bytes(site / ".postport/records.ndjson", "{}\n");
    write_bytes(site / "_site/index.md", "---\n---\n");
    EXPECT_EQ(articles("jekyll", site.path()), (Strings{"_drafts/d.md", "_posts/2021-09-27-a.md", "about.md",
                                  "blog/_posts/2018-06-01-b.md"}));
}

// --- Paths -----------------------------------------------------------------

TEST(JekyllToHugo, PostGoesToContentPosts) {
    ToHugo h = to_hugo("---\ntitle: T\ndate: 2021-09-27 23:30:00 -05:00\n---\nBody\n", "_posts/2021-09-27-x.md");
    EXPECT_EQ(h.conversion.converted.path, "content/posts/x.md");
    EXPECT_EQ(h.hugo.kind, DocumentKind::Post);
}

TEST(JekyllToHugo, FolderAbovePostsBecomesASection) {
    ToHugo h = to_hugo("---\ntitle: T\ndate: 2018-06-01 12:00:00 -07:00\n---\n", "blog/_posts/2018-06-01-x.md");
    EXPECT_EQ(h.conversion.converted.path, "content/blog/x.md");
}

TEST(JekyllToHugo, DraftGoesToPostsAsADraft) {
    ToHugo h = to_hugo("---\ntitle: T\n---\nBody\n", "_drafts/x.md");
    EXPECT_EQ(h.conversion.converted.path, "content/posts/x.md");
    EXPECT_EQ(at(h.hugo.front_matter, "draft"), Value(true));
    EXPECT_EQ(h.hugo.kind, DocumentKind::Draft);
}

TEST(JekyllToHugo, PageStaysAtItsPlace) {
    ToHugo h = to_hugo("---\nlayout: page\ntitle: About\npermalink: /about/\n---\nHi\n", "about.md");
    EXPECT_EQ(h.conversion.converted.path, "content/about.md");
    EXPECT_EQ(h.hugo.kind, DocumentKind::Page);
    EXPECT_EQ(h.conversion.converted.kind, DocumentKind::Page);
}

// --- The file name date ----------------------------------------------------------

TEST(JekyllToHugo, FileNameDateIsInsertedAfterTheTitle) {
    ToHugo h = to_hugo("---\ntitle: T\ncategory: releases\n---\nBody\n", "_posts/2019-12-31-x.md");
    EXPECT_EQ(keys_of(h.hugo.front_matter), (Strings{"title", "date", "categories"}))
        << describe(h.hugo.front_matter);
    EXPECT_EQ(date_in(h.hugo.front_matter), (Date{2019, 12, 31})) << describe(h.hugo.front_matter);
    EXPECT_EQ(h.hugo.kind, DocumentKind::Post);
}

TEST(JekyllToHugo, FileNameDateWithoutATitleGoesFirst) {
    ToHugo h = to_hugo("---\ntags: [a]\n---\n", "_posts/2019-12-31-x.md");
    EXPECT_EQ(keys_of(h.hugo.front_matter), (Strings{"date", "tags"})) << describe(h.hugo.front_matter);
}

TEST(JekyllToHugo, FrontMatterDateWinsOverTheFileName) {
    ToHugo h = to_hugo("---\ntitle: T\ndate: 2021-09-28 01:00:00 +02:00\n---\n", "_posts/2021-09-27-x.md");
    EXPECT_EQ(keys_of(h.hugo.front_matter), (Strings{"title", "date"}));
    expect_moment(at(h.hugo.front_matter, "date"), Date{2021, 9, 28}, 1, 0, 120);
}

// --- Fields ------------------------------------------------------------------

TEST(JekyllToHugo, PublishedFalseBecomesDraftTrueInPlace) {
    ToHugo h = to_hugo("---\ntitle: T\ndate: 2022-02-02 20:00:00 -08:00\npublished: false\ntags: [a]\n---\n");
    EXPECT_EQ(keys_of(h.hugo.front_matter), (Strings{"title", "date", "draft", "tags"}))
        << describe(h.hugo.front_matter);
    EXPECT_EQ(at(h.hugo.front_matter, "draft"), Value(true));
    EXPECT_EQ(h.hugo.kind, DocumentKind::Draft);
}

TEST(JekyllToHugo, PublishedTrueBecomesDraftFalse) {
    ToHugo h = to_hugo("---\ntitle: T\npublished: true\n---\n");
    EXPECT_EQ(at(h.hugo.front_matter, "draft"), Value(false));
    EXPECT_EQ(h.hugo.front_matter.find("published"), nullptr);
}

TEST(JekyllToHugo, FieldsAreRenamedInPlace) {
    ToHugo h = to_hugo(
        "---\ntitle: T\nredirect_from:\n  - /a/\n  - /b/\nlast_modified_at: 2020-01-07 18:20:00 -08:00\n"
        "permalink: /custom/nested/\nexcerpt: Teaser\nlayout: post\n---\n");
    EXPECT_EQ(keys_of(h.hugo.front_matter),
              (Strings{"title", "date", "aliases", "lastmod", "url", "summary", "layout"}))
        << describe(h.hugo.front_matter);
    EXPECT_EQ(at(h.hugo.front_matter, "aliases"), Value(Array{Value("/a/"), Value("/b/")}));
    EXPECT_EQ(at(h.hugo.front_matter, "url"), Value("/custom/nested/"));
    EXPECT_EQ(at(h.hugo.front_matter, "summary"), Value("Teaser"));
    EXPECT_EQ(date_of(at(h.hugo.front_matter, "lastmod")), (Date{2020, 1, 7}));
}

TEST(JekyllToHugo, SpaceSeparatedTagsBecomeTwoTerms) {
    ToHugo h = to_hugo("---\ntitle: T\ntags: jekyll  welcome\ncategories: news tech\n---\n");
    EXPECT_EQ(at(h.hugo.front_matter, "tags"), Value(Array{Value("jekyll"), Value("welcome")}));
    EXPECT_EQ(at(h.hugo.front_matter, "categories"), Value(Array{Value("news"), Value("tech")}));
}

TEST(JekyllToHugo, SingularCategoryIsOneTermNeverSplit) {
    ToHugo h = to_hugo("---\ntitle: T\ncategory: release notes\n---\n");
    EXPECT_EQ(at(h.hugo.front_matter, "categories"), Value(Array{Value("release notes")}));
    EXPECT_EQ(h.hugo.front_matter.find("category"), nullptr);
    // With the plural there too, the singular stays as it is.
    ToHugo both = to_hugo("---\ntitle: T\ncategory: a\ncategories: b c\n---\n");
    EXPECT_EQ(at(both.hugo.front_matter, "category"), Value("a"));
    EXPECT_EQ(at(both.hugo.front_matter, "categories"), Value(Array{Value("b"), Value("c")}));
}

TEST(JekyllToHugo, FolderCategoriesComeFirstAmongTheCategories) {
    ToHugo added = to_hugo("---\ntitle: T\n---\n", "blog/news/_posts/2021-09-27-x.md");
    EXPECT_EQ(at(added.hugo.front_matter, "categories"), Value(Array{Value("blog"), Value("news")}));
    ToHugo merged = to_hugo("---\ntitle: T\ncategories: [news, tips]\n---\n", "blog/news/_posts/2021-09-27-x.md");
    EXPECT_EQ(at(merged.hugo.front_matter, "categories"),
              Value(Array{Value("blog"), Value("news"), Value("tips")}));
    // Folders inside _posts are not categories.
    ToHugo inside = to_hugo("---\ntitle: T\n---\n", "_posts/2021/2021-09-27-x.md");
    EXPECT_EQ(inside.hugo.front_matter.find("categories"), nullptr);
}

TEST(JekyllToHugo, ZoneLessTimeIsUtcAsPsychReadsIt) {
    ToHugo h = to_hugo("---\ntitle: T\ndate: 2021-09-27 23:30:00\nnested: {at: [2021-09-27 10:00:00]}\n---\n");
    const Value& date = at(h.hugo.front_matter, "date");
    ASSERT_EQ(date.type(), ValueType::OffsetDateTime) << describe(h.hugo.front_matter);
    EXPECT_EQ(date.as_datetime().offset->minutes, 0);
    const Value& nested = h.hugo.front_matter.find("nested")->as_table().find("at")->as_array()[0];
    EXPECT_EQ(nested.type(), ValueType::OffsetDateTime);
    // The way back takes the offset off again.
    const Platform& jekyll = *builtin_platforms().find("jekyll");
    Warnings warnings;
    Document document = jekyll.read("---\ntitle: T\ndate: 2021-09-27 23:30:00\nnested: {at: [2021-09-27 10:00:00]}\n---\n",
                                    "_posts/2021-09-27-x.md", "x.md", warnings);
    jekyll.to_common(document, warnings);
    Table back = document.front_matter;
    restore_types(back, document.type_hints);
    EXPECT_EQ(back.find("date")->type(), ValueType::LocalDateTime);
    EXPECT_EQ(back.find("nested")->as_table().find("at")->as_array()[0].type(), ValueType::LocalDateTime);
}

TEST(JekyllToHugo, ThreeDotsBecomeDashes) {
    ToHugo h = to_hugo("---\ntitle: T\n...\nBody\n");
    const std::string& out = h.conversion.converted.bytes;
    EXPECT_TRUE(out.starts_with("---\n")) << out;
    EXPECT_TRUE(out.ends_with("\n---\nBody\n")) << out;
    EXPECT_EQ(out.find("\n...\n"), std::string::npos) << out;
}

TEST(JekyllToHugo, CrlfIsKept) {
    ToHugo h = to_hugo("---\r\ntitle: T\r\n---\r\nBody\r\n");
    const std::string& out = h.conversion.converted.bytes;
    for (std::size_t i = out.find('\n'); i != std::string::npos; i = out.find('\n', i + 1))
        EXPECT_EQ(out[i - 1], '\r') << "bare LF at byte " << i << " in " << out;
    EXPECT_EQ(h.hugo.body, "Body\r\n");
}

TEST(JekyllToHugo, TomlFrontMatterOnRequest) {
    Conversion c = convert("jekyll", "hugo", "---\ntitle: T\ndate: 2021-09-27 23:30:00 -05:00\nempty:\n---\nBody\n",
                           "_posts/2021-09-27-x.md", RecordPlacement::None, std::nullopt,
                           FrontMatterFormat::Toml);
    const std::string& out = c.converted.bytes;
    EXPECT_TRUE(out.starts_with("+++\n")) << out;
    Document back = read_as("hugo", out, c.converted.path);
    EXPECT_EQ(back.format, FrontMatterFormat::Toml);
    ASSERT_TRUE(at(back.front_matter, "date").is_datetime()) << describe(back.front_matter);
    expect_moment(at(back.front_matter, "date"), Date{2021, 9, 27}, 23, 30, -300);
    // TOML has no null: left out, with a warning that names it.
    EXPECT_EQ(back.front_matter.find("empty"), nullptr);
    ASSERT_EQ(c.warnings.all().size(), 1u) << describe(c.warnings);
    EXPECT_NE(c.warnings.all()[0].message.find("empty"), std::string::npos) << describe(c.warnings);
    EXPECT_EQ(c.warnings.all()[0].where.line, 4) << describe(c.warnings);  // `empty:`
}

TEST(JekyllToHugo, NullLeftOutOfTomlIsReportedAsUnrepresentable) {
    // core/diagnostics.h: UnrepresentableValue is "the target format has no
    // form for a value (null in TOML)"; TypeChanged is for a value written
    // with another type, which a dropped value is not.
    Conversion c = convert("jekyll", "hugo", "---\ntitle: T\nempty:\nlist: [1, ~]\n---\n", "_posts/2021-09-27-x.md",
                           RecordPlacement::None, std::nullopt, FrontMatterFormat::Toml);
    ASSERT_EQ(c.warnings.all().size(), 2u) << describe(c.warnings);
    for (const auto& warning : c.warnings.all())
        EXPECT_EQ(warning.kind, WarningKind::UnrepresentableValue) << format_warning(warning);
}

// Without a round-trip record, paths still come back: _posts/ is Hugo's
// `posts` section, and year folders inside it stay inside it.
TEST(JekyllToHugo, PostPathsComeBackWithoutARecord) {
    for (const char* path : {"_posts/2021-09-27-x.md", "_posts/2021/2021-09-27-x.md"}) {
        SCOPED_TRACE(path);
        const std::string source = "---\ntitle: T\ndate: 2021-09-27\n---\nBody\n";
        Conversion to_hugo_side = convert("jekyll", "hugo", source, path);
        EXPECT_TRUE(to_hugo_side.converted.path.starts_with("content/posts/")) << to_hugo_side.converted.path;
        Conversion back = convert("hugo", "jekyll", to_hugo_side.converted.bytes, to_hugo_side.converted.path);
        EXPECT_EQ(back.converted.path, path);
    }
}
