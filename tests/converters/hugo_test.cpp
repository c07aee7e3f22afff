// The Hugo reader (how a content file splits and what its front matter
// means) and the Hugo -> Jekyll direction: paths, fields and value meaning.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "converters/common.h"
#include "core/fields.h"
#include "core/text.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

using Strings = std::vector<std::string>;

Document hugo(std::string_view bytes, std::string path = "content/post/x.md") {
    return read_as("hugo", bytes, std::move(path));
}

// Hugo -> Jekyll, and the Jekyll output read back as Jekyll reads it.
struct ToJekyll {
    Conversion conversion;
    Document jekyll;
};

ToJekyll to_jekyll(std::string_view bytes, std::string path = "content/post/x.md") {
    ToJekyll out{convert("hugo", "jekyll", bytes, std::move(path)), {}};
    out.jekyll = read_as("jekyll", out.conversion.converted.bytes, out.conversion.converted.path);
    return out;
}

}  // namespace

// --- Splitting front matter from body (platforms.md section 1) -------------

TEST(HugoRead, TomlBetweenPlusLines) {
    Document d = hugo("+++\ntitle = \"T\"\n+++\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Toml);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.raw_front_matter, "+++\ntitle = \"T\"\n+++\n");
    EXPECT_EQ(d.body, "Body\n");
    EXPECT_EQ(d.front_matter_line, 2);
}

TEST(HugoRead, YamlBetweenDashLines) {
    Document d = hugo("---\ntitle: T\n---\n\nBody");
    EXPECT_EQ(d.format, FrontMatterFormat::Yaml);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    // Only one line break after the closing delimiter belongs to it.
    EXPECT_EQ(d.body, "\nBody");
}

TEST(HugoRead, ThreeDotsDoNotCloseYaml) {
    // Hugo only closes YAML with '---'; '...' is a line of the block.
    EXPECT_THROW(hugo("---\ntitle: T\n...\nBody\n"), ParseError);
}

TEST(HugoRead, JsonObjectWithBodyOnTheSameLine) {
    Document d = hugo("{\"title\": \"T\"} Body on the brace line\nmore\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Json);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.body, " Body on the brace line\nmore\n");
    EXPECT_EQ(d.raw_front_matter, "{\"title\": \"T\"}");
}

TEST(HugoRead, JsonBracesInsideStringsDoNotCount) {
    Document d = hugo("{\n  \"title\": \"a } b \\\" }\",\n  \"n\": {\"k\": 1}\n}\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Json);
    EXPECT_EQ(at(d.front_matter, "title"), Value("a } b \" }"));
    EXPECT_EQ(d.body, "Body\n");
}

TEST(HugoRead, ByteOrderMarkIsSkippedAndRemembered) {
    Document d = hugo("\xEF\xBB\xBF+++\ntitle = \"T\"\n+++\nBody\n");
    EXPECT_TRUE(d.bom);
    EXPECT_EQ(d.format, FrontMatterFormat::Toml);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.raw_front_matter, "+++\ntitle = \"T\"\n+++\n");
    EXPECT_EQ(d.body, "Body\n");
}

TEST(HugoRead, CrlfLineBreaks) {
    Document d = hugo("+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\nMore\r\n");
    EXPECT_TRUE(d.crlf);
    EXPECT_EQ(at(d.front_matter, "title"), Value("T"));
    EXPECT_EQ(d.body, "Body\r\nMore\r\n");
}

TEST(HugoRead, LeadingBlankLinesBeforeTheDelimiter) {
    Document d = hugo("\n \n+++\ntitle = \"T\"\n+++\nBody\n");
    EXPECT_EQ(d.format, FrontMatterFormat::Toml);
    EXPECT_EQ(d.front_matter_line, 4);
    EXPECT_EQ(at(d.front_matter, "title").line(), 4);
    EXPECT_EQ(d.raw_front_matter, "\n \n+++\ntitle = \"T\"\n+++\n");
    EXPECT_EQ(d.body, "Body\n");
}

TEST(HugoRead, FourDashesAreBody) {
    const std::string text = "----\ntitle: T\n----\nBody\n";
    Document d = hugo(text);
    EXPECT_EQ(d.format, FrontMatterFormat::None);
    EXPECT_TRUE(d.front_matter.empty());
    EXPECT_EQ(d.body, text);
    EXPECT_EQ(d.raw_front_matter, "");
}

TEST(HugoRead, NoFrontMatterMeansAllBody) {
    const std::string text = "# Heading\n\n- a list\n+ another\n";
    Document d = hugo(text);
    EXPECT_EQ(d.format, FrontMatterFormat::None);
    EXPECT_EQ(d.body, text);
    EXPECT_EQ(d.kind, DocumentKind::Page);
}

TEST(HugoRead, BadTomlDelimiterIsAnError) {
    EXPECT_THROW(hugo("++\ntitle = \"T\"\n++\n"), ParseError);
    EXPECT_THROW(hugo("+++ extra\ntitle = \"T\"\n+++\n"), ParseError);
}

TEST(HugoRead, BodyIsKeptByteForByte) {
    const std::string body =
        "\n{{< iframe src=\"x\" >}}\ntrailing spaces   \n\ttab\n+++\n---\n{{% note %}}x{{% /note %}}\nno final newline";
    Document d = hugo("+++\ntitle = \"T\"\n+++\n" + body);
    EXPECT_EQ(d.body, body);
}

TEST(HugoToJekyll, BodyWithoutTemplatesIsKeptByteForByte) {
    const std::string body = "\ntrailing spaces   \n\ttab\n+++\n---\n<b>html</b> { braces } 50% off\nno final newline";
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\n" + body);
    EXPECT_EQ(j.jekyll.body, body);
    EXPECT_TRUE(j.conversion.converted.bytes.ends_with(body)) << j.conversion.converted.bytes;
    EXPECT_TRUE(j.conversion.converted.used_templates.empty());
}

TEST(HugoToJekyll, ShortcodesBecomeLiquidIncludes) {
    const std::string body =
        "\n{{< iframe src=\"x\" >}}\ntrailing spaces   \n\ttab\n+++\n---\n{{% note %}}x{{% /note %}}\nno final newline";
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\n" + body);
    const std::string translated =
        "\n{% include iframe.html src=\"x\" %}\ntrailing spaces   \n\ttab\n+++\n---\n"
        "{% capture postport_inner_1 %}x{% endcapture %}{% include note.html inner=postport_inner_1 %}\n"
        "no final newline";
    EXPECT_EQ(j.jekyll.body, translated);
    EXPECT_TRUE(j.conversion.converted.bytes.ends_with(translated)) << j.conversion.converted.bytes;
    // The site needs an include for each call.
    Strings used = j.conversion.converted.used_templates;
    std::sort(used.begin(), used.end());
    EXPECT_EQ(used, (Strings{"iframe", "note"}));
}

TEST(HugoToJekyll, TemplateTextLiquidWouldRunIsWrappedInRaw) {
    // Hugo prints `{{ .Title }}` in content as typed; Liquid would run it.
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\nIn code: `{{ .Title }}` and {% x %}.\n");
    EXPECT_NE(j.jekyll.body.find("{% raw %}"), std::string::npos) << j.jekyll.body;
    // What Jekyll prints is the text Hugo prints.
    std::string printed = j.jekyll.body;
    for (const std::string tag : {"{% raw %}", "{% endraw %}"})
        for (auto at = printed.find(tag); at != std::string::npos; at = printed.find(tag)) printed.erase(at, tag.size());
    EXPECT_EQ(printed, "In code: `{{ .Title }}` and {% x %}.\n");
}

TEST(HugoToJekyll, HighlightShortcodeBecomesTheHighlightTag) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\n"
                           "{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n");
    EXPECT_EQ(j.jekyll.body, "{% highlight go %}\nfmt.Println(1)\n{% endhighlight %}\n");
    EXPECT_TRUE(j.conversion.converted.used_templates.empty());
}

TEST(HugoToJekyll, BodyWithShortcodesComesBackByteForByteThroughTheRecord) {
    const std::string original =
        "+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\n{{< iframe src=\"x\" >}}\n"
        "{{% note %}}x{{% /note %}}\n{{< highlight go \"linenos=table\" >}}\nx\n{{< /highlight >}}\n"
        "{{<figure src=\"a.png\">}} and {{ .Title }} <!--more-->\n";
    Conversion there = convert("hugo", "jekyll", original, "content/post/x.md", RecordPlacement::Folder);
    ASSERT_TRUE(there.converted.record.has_value());
    Conversion back = convert("jekyll", "hugo", there.converted.bytes, there.converted.path, RecordPlacement::Folder,
                              there.converted.record);
    EXPECT_TRUE(back.converted.restored);
    EXPECT_EQ(back.converted.path, "content/post/x.md");
    EXPECT_TRUE(back.converted.bytes == original) << first_difference(original, back.converted.bytes);
}

// --- Line numbers ------------------------------------------------------------

TEST(HugoRead, TomlValuesCarryTheirFileLines) {
    Document d = hugo("+++\n# comment\ntitle = \"T\"\n\ndate = 2021-01-01\n[params]\nx = 1\n+++\n");
    EXPECT_EQ(d.front_matter_line, 2);
    EXPECT_EQ(at(d.front_matter, "title").line(), 3);
    EXPECT_EQ(at(d.front_matter, "date").line(), 5);
    EXPECT_EQ(at(d.front_matter, "params").line(), 6);
}

TEST(HugoRead, YamlValuesCarryTheirFileLines) {
    Document d = hugo("\xEF\xBB\xBF---\ntitle: T\ntags:\n  - a\ndate: 2021-01-01\n---\n");
    EXPECT_EQ(d.front_matter_line, 2);
    EXPECT_EQ(at(d.front_matter, "title").line(), 2);
    EXPECT_EQ(at(d.front_matter, "date").line(), 5);
}

TEST(HugoRead, JsonFrontMatterLine) {
    Document d = hugo("\n\n{\n  \"title\": \"T\"\n}\n");
    EXPECT_EQ(d.front_matter_line, 3);
}

TEST(HugoRead, TomlErrorPointsAtTheFileLine) {
    try {
        (void)hugo("\n+++\ntitle = \"T\"\nbroken = \n+++\nBody\n");
        FAIL() << "no ParseError";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.where().line, 4) << error.what();
        EXPECT_GT(error.where().column, 0) << error.what();
    }
}

// --- Kinds -----------------------------------------------------------------

TEST(HugoRead, DatedFileInASectionIsAPost) {
    EXPECT_EQ(hugo("+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\n").kind, DocumentKind::Post);
    EXPECT_EQ(hugo("+++\ntitle = \"T\"\ndate = \"2021-01-02\"\n+++\n").kind, DocumentKind::Post);
}

TEST(HugoRead, DraftTrueIsADraft) {
    EXPECT_EQ(hugo("+++\ntitle = \"T\"\ndate = 2021-01-02\ndraft = true\n+++\n").kind, DocumentKind::Draft);
    EXPECT_EQ(hugo("+++\ntitle = \"T\"\ndate = 2021-01-02\ndraft = false\n+++\n").kind, DocumentKind::Post);
    // Hugo keys are case-insensitive.
    EXPECT_EQ(hugo("+++\nDraft = true\n+++\n").kind, DocumentKind::Draft);
}

TEST(HugoRead, PublishedFalseIsADraft) {
    EXPECT_EQ(hugo("---\ntitle: T\ndate: 2021-01-02\npublished: false\n---\n").kind, DocumentKind::Draft);
}

TEST(HugoRead, FileAtTheContentRootIsAPage) {
    EXPECT_EQ(hugo("+++\ntitle = \"About\"\ndate = 2021-01-02\n+++\n", "content/about.md").kind,
              DocumentKind::Page);
    EXPECT_EQ(hugo("+++\ntitle = \"Home\"\n+++\n", "content/_index.md").kind, DocumentKind::Page);
}

TEST(HugoRead, UndatedFileInASectionIsAPage) {
    EXPECT_EQ(hugo("+++\ntitle = \"T\"\n+++\n").kind, DocumentKind::Page);
}

TEST(HugoRead, LeafBundleTakesItsFolderName) {
    Document d = hugo("+++\ntitle = \"T\"\ndate = 2021-01-02\n+++\n", "content/post/my-trip/index.md");
    EXPECT_EQ(d.slug, "my-trip");
    EXPECT_EQ(d.folders, (std::vector<std::string>{"post"}));
}

// --- Paths -------------------------------------------------------------------

TEST(HugoToJekyll, DatedPostGoesToPostsWithTheDateInItsName) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-09-27T10:00:00+02:00\n+++\nBody\n",
                           "content/post/x.md");
    EXPECT_EQ(j.conversion.converted.path, "_posts/post/2021-09-27-x.md");
    EXPECT_EQ(j.conversion.converted.kind, DocumentKind::Post);
}

TEST(HugoToJekyll, NestedSectionsStayUnderPosts) {
    ToJekyll j = to_jekyll("---\ntitle: T\ndate: 2020-05-02T10:00:00-04:00\n---\n", "content/post/2020/x.md");
    EXPECT_EQ(j.conversion.converted.path, "_posts/post/2020/2020-05-02-x.md");
}

TEST(HugoToJekyll, DraftGoesToDrafts) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-09-27\ndraft = true\n+++\n", "content/post/x.md");
    EXPECT_EQ(j.conversion.converted.path, "_drafts/post/x.md");
    EXPECT_EQ(j.conversion.converted.kind, DocumentKind::Draft);
    EXPECT_EQ(j.jekyll.kind, DocumentKind::Draft);
}

TEST(HugoToJekyll, ContentRootFileIsAPage) {
    ToJekyll j = to_jekyll("+++\ntitle = \"About\"\nmenu = \"main\"\n+++\nHi\n", "content/about.md");
    EXPECT_EQ(j.conversion.converted.path, "about.md");
    EXPECT_EQ(j.conversion.converted.kind, DocumentKind::Page);
    EXPECT_EQ(j.jekyll.kind, DocumentKind::Page);
}

TEST(HugoToJekyll, BranchIndexBecomesIndex) {
    ToJekyll j = to_jekyll("+++\ntitle = \"Home\"\n+++\n", "content/_index.md");
    EXPECT_EQ(j.conversion.converted.path, "index.md");
}

TEST(HugoToJekyll, LeafBundleBecomesOnePost) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-09-27\n+++\n", "content/post/my-trip/index.md");
    EXPECT_EQ(j.conversion.converted.path, "_posts/post/2021-09-27-my-trip.md");
}

TEST(HugoToJekyll, ExtensionIsKept) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-09-27\n+++\n", "content/post/x.markdown");
    EXPECT_EQ(j.conversion.converted.path, "_posts/post/2021-09-27-x.markdown");
}

// --- Fields ------------------------------------------------------------------

TEST(HugoToJekyll, FieldsAreRenamedInPlace) {
    ToJekyll j = to_jekyll(
        "+++\ntitle = \"T\"\ndate = 2021-09-27T10:00:00Z\naliases = [\"/old/\"]\n"
        "lastmod = 2021-10-01T00:00:00Z\nurl = \"/custom/\"\nsummary = \"Teaser\"\nextra = 1\n+++\n");
    const Table& fm = j.jekyll.front_matter;
    EXPECT_EQ(keys_of(fm), (std::vector<std::string>{"title", "date", "redirect_from", "last_modified_at",
                                                     "permalink", "excerpt", "extra"}))
        << describe(fm);
    EXPECT_EQ(at(fm, "redirect_from"), Value(Array{Value("/old/")}));
    EXPECT_EQ(at(fm, "last_modified_at"), Value(datetime("2021-10-01T00:00:00Z")));
    EXPECT_EQ(at(fm, "permalink"), Value("/custom/"));
    EXPECT_EQ(at(fm, "excerpt"), Value("Teaser"));
    EXPECT_EQ(at(fm, "extra"), Value(1));
}

TEST(HugoToJekyll, KeysInAnyCaseBecomeLowerCase) {
    ToJekyll j = to_jekyll("+++\nTitle = \"T\"\nDate = 2021-09-27\nTags = [\"a\"]\n+++\n");
    EXPECT_EQ(keys_of(j.jekyll.front_matter), (std::vector<std::string>{"title", "date", "tags"}))
        << describe(j.jekyll.front_matter);
    EXPECT_EQ(j.conversion.converted.path, "_posts/post/2021-09-27-x.md");
}

TEST(HugoToJekyll, OneStringTermStaysOneTerm) {
    // To Hugo a plain string is one term; Jekyll would split it on spaces.
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-09-27\ntags = \"front matter\"\n+++\n");
    EXPECT_EQ(at(j.jekyll.front_matter, "tags"), Value(Array{Value("front matter")}));
}

TEST(HugoToJekyll, HugoOnlyDatesAreKeptWithAWarning) {
    ToJekyll j = to_jekyll(
        "+++\ntitle = \"T\"\ndate = 2021-09-27\npublishDate = 2021-10-01\nexpiryDate = 2030-01-01\n+++\n");
    EXPECT_EQ(at(j.jekyll.front_matter, "publishDate"), Value(datetime("2021-10-01")));
    EXPECT_EQ(at(j.jekyll.front_matter, "expiryDate"), Value(datetime("2030-01-01")));
    EXPECT_TRUE(has_warning(j.conversion.warnings, WarningKind::FieldNotMapped))
        << describe(j.conversion.warnings);
}

// --- Value meaning -----------------------------------------------------------

TEST(HugoToJekyll, LocalTimeBecomesAQuotedString) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2021-09-27\nreminder = 07:32:00\nexact = 00:32:00.999999\n+++\n");
    EXPECT_EQ(at(j.jekyll.front_matter, "reminder"), Value("07:32:00"));
    EXPECT_EQ(at(j.jekyll.front_matter, "exact"), Value("00:32:00.999999"));
    EXPECT_TRUE(has_warning(j.conversion.warnings, WarningKind::TypeChanged)) << describe(j.conversion.warnings);
    // Psych would read a bare 07:32:00 as the integer 27120.
    EXPECT_NE(j.conversion.converted.bytes.find("\"07:32:00\""), std::string::npos)
        << j.conversion.converted.bytes;
}

TEST(HugoToJekyll, OffsetLessThanAnHourWestBecomesAStringAndComesBack) {
    const std::string hugo = "+++\ntitle = \"T\"\ndate = 2023-08-02T07:45:00-00:04\nlate = 2023-08-02T07:45:00-01:30\n+++\n";
    ToJekyll j = to_jekyll(hugo);
    // Psych gives the minutes the sign of the hours: it reads -00:04 as +00:04.
    EXPECT_EQ(at(j.jekyll.front_matter, "date"), Value("2023-08-02T07:45:00-00:04"));
    EXPECT_EQ(at(j.jekyll.front_matter, "late"), Value(datetime("2023-08-02T07:45:00-01:30")));
    EXPECT_TRUE(has_warning(j.conversion.warnings, WarningKind::TypeChanged)) << describe(j.conversion.warnings);
    Conversion there = convert("hugo", "jekyll", hugo, "content/post/x.md", RecordPlacement::Folder);
    ASSERT_TRUE(there.converted.record);
    Conversion back = convert("jekyll", "hugo", there.converted.bytes, there.converted.path, RecordPlacement::Folder,
                              there.converted.record);
    EXPECT_EQ(back.converted.bytes, hugo) << describe(back.warnings);
}

TEST(HugoToJekyll, LocalDateTimeGetsAnExplicitUtcOffset) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 1979-05-27T07:32:00\n+++\n");
    const Value& date = at(j.jekyll.front_matter, "date");
    ASSERT_TRUE(date.is_datetime()) << describe(date);
    EXPECT_EQ(date.type(), ValueType::OffsetDateTime) << describe(date);
    ASSERT_TRUE(date.as_datetime().offset.has_value());
    EXPECT_EQ(date.as_datetime().offset->minutes, 0);
    EXPECT_EQ(date.as_datetime().date, (Date{1979, 5, 27}));
    EXPECT_EQ(date.as_datetime().time, (Time{7, 32, 0, ""}));
    EXPECT_NE(j.conversion.converted.bytes.find("+00:00"), std::string::npos) << j.conversion.converted.bytes;
}

TEST(HugoToJekyll, OffsetDateTimeKeepsItsOffsetAndFraction) {
    ToJekyll j = to_jekyll("+++\ntitle = \"T\"\ndate = 2023-03-14T09:26:53.589-07:00\n+++\n");
    EXPECT_EQ(at(j.jekyll.front_matter, "date"), Value(datetime("2023-03-14T09:26:53.589-07:00")));
}

TEST(HugoToJekyll, LookalikeStringsStayStrings) {
    const char* lookalikes[] = {"yes", "no", "on", "off", "Off", "y", "n", "true", "null", "~", "",
                                "0755", "0o755", "0x1F", "1_000", "1e3", "1.10", "inf", ".inf", "-0.0",
                                "2021-09-27", "2021-09-27 10:00:00", "1:30", "07:32:00", ":symbol",
                                "- dash", "# hash", "a: b", "[1]", "{a: 1}", "@at", "`tick", "!tag",
                                "&anchor", "*alias", "|", ">", "%", " padded ", "trailing ", "42", "3.14"};
    std::string toml = "+++\ntitle = \"T\"\ndate = 2021-09-27\n";
    int n = 0;
    for (const char* text : lookalikes) toml += "s" + std::to_string(n++) + " = \"" + std::string(text) + "\"\n";
    toml += "+++\n";
    ToJekyll j = to_jekyll(toml);
    n = 0;
    for (const char* text : lookalikes) {
        const std::string key = "s" + std::to_string(n++);
        EXPECT_EQ(at(j.jekyll.front_matter, key), Value(text)) << key << " was \"" << text << "\"";
    }
    // Hugo's own YAML reader must see the same strings.
    Document back = read_as("hugo", j.conversion.converted.bytes, "content/post/x.md");
    n = 0;
    for (const char* text : lookalikes) {
        const std::string key = "s" + std::to_string(n++);
        EXPECT_EQ(at(back.front_matter, key), Value(text)) << key << " (Go YAML) was \"" << text << "\"";
    }
}

TEST(HugoToJekyll, EveryTomlTypeReadsBackWithItsMeaning) {
    ToJekyll j = to_jekyll(
        "+++\ntitle = \"T\"\ndate = 2021-09-27\nint = 9223372036854775807\nneg = -42\nhex = 0xff\n"
        "one = 1.0\nnegzero = -0.0\nbig = 6.02e23\ninf = inf\nnan = nan\nyes = true\nno = false\n"
        "day = 2023-03-14\nlist = [1, \"two\", 3.0]\n[table]\nk = \"v\"\n+++\n");
    const Table& fm = j.jekyll.front_matter;
    EXPECT_EQ(at(fm, "int"), Value(std::int64_t{9223372036854775807}));
    EXPECT_EQ(at(fm, "neg"), Value(-42));
    EXPECT_EQ(at(fm, "hex"), Value(255));
    EXPECT_EQ(at(fm, "one"), Value(1.0));
    EXPECT_EQ(at(fm, "negzero"), Value(-0.0));
    EXPECT_EQ(at(fm, "big"), Value(6.02e23));
    EXPECT_EQ(at(fm, "inf"), Value(std::numeric_limits<double>::infinity()));
    EXPECT_EQ(at(fm, "nan"), Value(std::numeric_limits<double>::quiet_NaN()));
    EXPECT_EQ(at(fm, "yes"), Value(true));
    EXPECT_EQ(at(fm, "no"), Value(false));
    EXPECT_EQ(at(fm, "day"), Value(datetime("2023-03-14")));
    EXPECT_EQ(at(fm, "list"), Value(Array{Value(1), Value("two"), Value(3.0)}));
    Table table;
    table.set("k", "v");
    EXPECT_EQ(at(fm, "table"), Value(table));
}

TEST(HugoToJekyll, ByteOrderMarkAndCrlfAreKept) {
    ToJekyll j = to_jekyll("\xEF\xBB\xBF---\r\ntitle: T\r\ndate: 2021-09-27\r\n---\r\nBody\r\n");
    const std::string& out = j.conversion.converted.bytes;
    EXPECT_TRUE(out.starts_with("\xEF\xBB\xBF---\r\n")) << out;
    EXPECT_TRUE(out.ends_with("\r\n---\r\nBody\r\n")) << out;
    // Every line break of the front matter is CRLF.
    for (std::size_t i = out.find('\n'); i != std::string::npos; i = out.find('\n', i + 1))
        EXPECT_EQ(out[i - 1], '\r') << "bare LF at byte " << i << " in " << out;
    EXPECT_TRUE(j.jekyll.bom);
    EXPECT_EQ(j.jekyll.body, "Body\r\n");
}

TEST(HugoToJekyll, NoFrontMatterStillGivesAJekyllPage) {
    ToJekyll j = to_jekyll("# Note\n\nText\n", "content/post/note.md");
    EXPECT_EQ(j.conversion.converted.path, "post/note.md");
    EXPECT_TRUE(j.conversion.converted.bytes.starts_with("---\n")) << j.conversion.converted.bytes;
    EXPECT_EQ(j.jekyll.format, FrontMatterFormat::Yaml);
    EXPECT_EQ(j.jekyll.body, "# Note\n\nText\n");
}

// --- The output as the real Jekyll reads it (Ruby's Psych) ---------------------------

namespace {

// Loads the front matter of a Jekyll file with Ruby's Psych as Jekyll does and
// describes every value: {"keys": [...], "values": {key: {"class", "value", ...}}}.
constexpr const char* psych_script = R"RUBY(
text = File.read(ARGV[0], encoding: 'UTF-8')
d = Psych.safe_load(text.split(/^---\s*$/)[1], permitted_classes: [Date, Time], aliases: true)
def describe(v)
  case v
  when Hash then {'class' => 'Hash', 'keys' => v.keys.map { |k| k.to_s },
                  'key_classes' => v.keys.map { |k| k.class.name },
                  'value' => v.to_h { |k, x| [k.to_s, describe(x)] }}
  when Array then {'class' => 'Array', 'value' => v.map { |x| describe(x) }}
  when Time then {'class' => 'Time', 'value' => v.strftime('%Y-%m-%dT%H:%M:%S.%N'), 'utc_offset' => v.utc_offset}
  when Date then {'class' => 'Date', 'value' => v.iso8601}
  when Float then {'class' => 'Float', 'value' => v.inspect, 'negative' => (1.0 / v).negative?}
  when Integer then {'class' => 'Integer', 'value' => v.to_s}
  when String then {'class' => 'String', 'value' => v}
  else {'class' => v.class.name, 'value' => v.inspect}
  end
end
puts JSON.generate(describe(d))
)RUBY";

nlohmann::ordered_json load_with_psych(const fs::path& file) {
    const fs::path ruby = find_program("ruby");
    RunResult r = run({ruby.string(), "-ryaml", "-rdate", "-rjson", "-e", psych_script, file.string()});
    if (r.exit_code != 0) {
        ADD_FAILURE() << "ruby failed (" << r.exit_code << "):\n" << r.err;
        return nlohmann::ordered_json::object();
    }
    return nlohmann::ordered_json::parse(r.out);
}

// What Psych must give for a value whose TOML type is `expected`'s
// (platforms.md section 7): checks the Ruby class and the value.
void expect_psych_reads(const nlohmann::ordered_json& ruby, const Value& expected, const std::string& where) {
    SCOPED_TRACE(where + " = " + describe(expected) + "; Psych gave " + ruby.dump());
    const std::string cls = ruby.value("class", "");
    switch (expected.type()) {
        case ValueType::Null: EXPECT_EQ(cls, "NilClass"); break;
        case ValueType::Bool: EXPECT_EQ(cls, expected.as_bool() ? "TrueClass" : "FalseClass"); break;
        case ValueType::Integer:
            EXPECT_EQ(cls, "Integer");
            EXPECT_EQ(ruby.value("value", ""), std::to_string(expected.as_integer()));
            break;
        case ValueType::Float: {
            ASSERT_EQ(cls, "Float");
            const std::string text = ruby.value("value", "");
            const double read = std::strtod(text.c_str(), nullptr);
            const double want = expected.as_float();
            if (std::isnan(want)) {
                EXPECT_TRUE(std::isnan(read));
            } else {
                EXPECT_EQ(read, want);
            }
            if (want == 0.0) {
                EXPECT_EQ(ruby.value("negative", false), std::signbit(want));
            }
            break;
        }
        case ValueType::String:
            EXPECT_EQ(cls, "String");
            EXPECT_EQ(ruby.value("value", ""), expected.as_string());
            break;
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime: {
            // A local date-time means UTC to Psych, so postport writes +00:00.
            ASSERT_EQ(cls, "Time");
            const DateTime& dt = expected.as_datetime();
            const int offset = dt.offset ? dt.offset->minutes : 0;
            EXPECT_EQ(ruby.value("utc_offset", -1), offset * 60);
            std::string fraction = dt.time->fraction;
            fraction.resize(9, '0');
            DateTime wall = dt;
            wall.offset.reset();
            wall.space_separator = false;
            wall.time->fraction.clear();
            EXPECT_EQ(ruby.value("value", ""), format_datetime(wall) + "." + fraction);
            break;
        }
        case ValueType::LocalDate:
            EXPECT_EQ(cls, "Date");
            EXPECT_EQ(ruby.value("value", ""), format_datetime(expected.as_datetime()));
            break;
        case ValueType::LocalTime:
            // Psych has no time of day: a bare 07:32:00 would be the integer 27120.
            EXPECT_EQ(cls, "String");
            EXPECT_EQ(ruby.value("value", ""), format_datetime(expected.as_datetime()));
            break;
        case ValueType::Array: {
            ASSERT_EQ(cls, "Array");
            const auto& elements = ruby.at("value");
            const Array& want = expected.as_array();
            ASSERT_EQ(elements.size(), want.size());
            for (std::size_t i = 0; i < want.size(); ++i)
                expect_psych_reads(elements.at(i), want[i], where + "[" + std::to_string(i) + "]");
            break;
        }
        case ValueType::Table: {
            ASSERT_EQ(cls, "Hash");
            EXPECT_EQ(ruby.at("keys").get<std::vector<std::string>>(), keys_of(expected.as_table()));
            for (const auto& entry : expected.as_table())
                expect_psych_reads(ruby.at("value").value(entry.key, nlohmann::ordered_json::object()),
                                   entry.value, where + "." + entry.key);
            break;
        }
    }
}

std::string hugo_to_jekyll_key(const std::string& key) {
    if (key == "aliases") return "redirect_from";
    if (key == "lastmod") return "last_modified_at";
    if (key == "url") return "permalink";
    if (key == "summary") return "excerpt";
    return key;
}

}  // namespace

TEST(HugoToJekyllPsych, EveryTomlTypeMeansTheSameToRubyPsych) {
    if (find_program("ruby").empty()) GTEST_SKIP() << "ruby is not on PATH";
    const fs::path source = samples_dir() / "hugo/content/post/toml-front-matter-types.md";
    TempDir out;
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--no-record", source.string(), "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_bytes(out / "post.md", r.out);
    const nlohmann::ordered_json ruby = load_with_psych(out / "post.md");
    ASSERT_EQ(ruby.value("class", ""), "Hash") << ruby.dump();

    const Document hugo_post = read_as("hugo", read_bytes(source), "content/post/toml-front-matter-types.md");
    const Table& toml = hugo_post.front_matter;
    std::vector<std::string> expected_keys;
    for (const auto& entry : toml) expected_keys.push_back(hugo_to_jekyll_key(entry.key));
    // The body's <!--more--> is Hugo's summary divider; Jekyll needs to be told.
    ASSERT_NE(hugo_post.body.find("<!--more-->"), std::string::npos);
    expected_keys.push_back("excerpt_separator");
    EXPECT_EQ(ruby.at("keys").get<std::vector<std::string>>(), expected_keys);
    EXPECT_EQ(ruby.at("value").at("excerpt_separator").value("value", ""), "<!--more-->");
    for (const auto& cls : ruby.at("key_classes")) EXPECT_EQ(cls, "String");
    for (const auto& entry : toml) {
        const std::string key = hugo_to_jekyll_key(entry.key);
        expect_psych_reads(ruby.at("value").value(key, nlohmann::ordered_json::object()), entry.value, key);
    }

    // Spot checks, worked out by hand from the sample.
    const auto& v = ruby.at("value");
    EXPECT_EQ(v.at("date").value("utc_offset", 0), -7 * 3600);
    EXPECT_EQ(v.at("date").value("value", ""), "2023-03-14T09:26:53.589000000");
    EXPECT_EQ(v.at("last_modified_at").value("utc_offset", -1), 0);
    EXPECT_EQ(v.at("first_draft").value("class", ""), "Time");
    EXPECT_EQ(v.at("first_draft").value("utc_offset", -1), 0);
    EXPECT_EQ(v.at("published_on").value("class", ""), "Date");
    EXPECT_EQ(v.at("reminder").value("value", ""), "07:32:00");
    EXPECT_EQ(v.at("precise_reminder").value("value", ""), "00:32:00.999999");
    EXPECT_EQ(v.at("hex_color").value("value", ""), "3735928559");
    EXPECT_EQ(v.at("octal_mode").value("value", ""), "493");
    EXPECT_EQ(v.at("binary_flags").value("value", ""), "13");
    EXPECT_EQ(v.at("max_int").value("value", ""), "9223372036854775807");
    EXPECT_EQ(v.at("one").value("value", ""), "1.0");
    EXPECT_EQ(v.at("negative_zero").value("value", ""), "-0.0");
    EXPECT_EQ(v.at("infinity").value("value", ""), "Infinity");
    EXPECT_EQ(v.at("not_a_number").value("value", ""), "NaN");
    EXPECT_EQ(v.at("draft").value("class", ""), "FalseClass");
    EXPECT_EQ(v.at("comments").value("class", ""), "TrueClass");
    EXPECT_EQ(v.at("empty_string").value("value", "x"), "");
    EXPECT_EQ(v.at("windows_path").value("value", ""), "C:\\Users\\writer\\Documents\\drafts");
    EXPECT_EQ(v.at("poem").value("value", ""),
              "The first newline is trimmed in raw strings.\n   All other whitespace\n   is preserved, and so is \\this.\n");
}

TEST(HugoToJekyllPsych, LookalikeStringsStayStringsToRubyPsych) {
    if (find_program("ruby").empty()) GTEST_SKIP() << "ruby is not on PATH";
    const std::vector<std::string> lookalikes = {
        "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "~", "", "0755", "0o755", "0x1F",
        "1_000", "1,000", "1e3", "1.10", "inf", ".inf", "-.INF", ".NaN", "-0.0", "2021-09-27",
        "2021-9-27", "2021-09-27 10:00:00", "2021-09-27T10:00:00Z", "1:30", "07:32:00", "1:30:00",
        ":symbol", "- dash", "# hash", "a: b", "a #b", "[1]", "{a: 1}", "@at", "`tick", "!tag", "&anchor",
        "*alias", "|", ">", "%", "?", " padded ", "trailing ", "42", "+42", "3.14", "=", "<<",
        "line\nbreak", "tab\there", "quote\"s", "back\\slash", "caf\xC3\xA9"};
    std::string toml = "+++\ntitle = \"T\"\ndate = 2021-09-27\n";
    for (std::size_t i = 0; i < lookalikes.size(); ++i) {
        std::string escaped;
        for (char c : lookalikes[i]) {
            if (c == '\n') escaped += "\\n";
            else if (c == '\t') escaped += "\\t";
            else if (c == '"' || c == '\\') escaped += std::string("\\") + c;
            else escaped += c;
        }
        toml += "s" + std::to_string(i) + " = \"" + escaped + "\"\n";
    }
    toml += "+++\nBody\n";
    RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "--no-record", "-", "-"}, toml);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    TempDir out;
    write_bytes(out / "post.md", r.out);
    const nlohmann::ordered_json ruby = load_with_psych(out / "post.md");
    ASSERT_EQ(ruby.value("class", ""), "Hash") << ruby.dump() << "\n" << r.out;
    for (std::size_t i = 0; i < lookalikes.size(); ++i)
        expect_psych_reads(ruby.at("value").value("s" + std::to_string(i), nlohmann::ordered_json::object()),
                           Value(lookalikes[i]), "s" + std::to_string(i));
}
