// Templates a converted site calls: Hugo shortcode templates translated to
// Jekyll includes and back, the includes standing in for Hugo's built-ins,
// stubs for what cannot be translated, minimal layouts; proven with the real
// Jekyll and Hugo where they are installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "tests/support/convert.h"

namespace fs = std::filesystem;
using namespace postport;
using namespace postport::test;

namespace {

using UsedTemplates = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct Written {
    std::map<std::string, std::string> files;  // path -> bytes
    Warnings warnings;

    [[nodiscard]] const std::string& at(const std::string& path) const {
        static const std::string missing = "<missing file>";
        auto found = files.find(path);
        if (found == files.end()) {
            ADD_FAILURE() << "no file " << path;
            return missing;
        }
        return found->second;
    }
};

Written write_templates(std::string_view to, const UsedTemplates& used, std::string_view from) {
    Written written;
    for (auto& file : platform(to).write_templates(used, from, written.warnings))
        written.files[file.path] = std::move(file.bytes);
    return written;
}

// One Hugo shortcode template as a Jekyll include.
Written to_include(const std::string& name, std::optional<std::string> text) {
    return write_templates("jekyll", {{name, std::move(text)}}, "hugo");
}

// One Jekyll include as a Hugo shortcode template.
Written to_shortcode(const std::string& name, std::optional<std::string> text) {
    return write_templates("hugo", {{name, std::move(text)}}, "jekyll");
}

bool contains(std::string_view text, std::string_view needle) { return text.find(needle) != std::string_view::npos; }

std::size_t count(std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

const Warning* find_warning(const Warnings& warnings, WarningKind kind) {
    for (const auto& warning : warnings.all())
        if (warning.kind == kind) return &warning;
    return nullptr;
}

// The seed post's shortcode, with the template a site would have for it.
constexpr std::string_view seed_iframe_template =
    R"(<iframe id="{{ .Get "id" }}" src="{{ .Get "src" }}" width="{{ .Get "width" }}" height="{{ .Get "height" }}" scrolling="{{ .Get "scrolling" }}" style="{{ .Get "style" | safeCSS }}"></iframe>)";

constexpr std::string_view seed_iframe_call =
    R"({% include NAME.html id="large-banner" src="https://www.bounty.group/#slide=11.0" width="100%" height="600" scrolling="no" style="border: 0px solid rgb(216, 221, 230); border-radius: 3px;" %})";

const std::pair<std::string_view, std::string_view> seed_iframe_attributes[] = {
    {"id", "large-banner"}, {"src", "https://www.bounty.group/#slide=11.0"},
    {"width", "100%"},      {"height", "600"},
    {"scrolling", "no"},    {"style", "border: 0px solid rgb(216, 221, 230); border-radius: 3px;"}};

std::string seed_call(std::string_view name) {
    std::string call(seed_iframe_call);
    call.replace(call.find("NAME"), 4, name);
    return call;
}

std::string sample_template(std::string_view relative) { return read_bytes(samples_dir() / relative); }

// ---------------------------------------------------------------------------
// Hugo shortcode templates -> Jekyll includes

TEST(HugoTemplateToLiquid, SeedIframeTemplateReadsIncludeParameters) {
    Written written = to_include("iframe", std::string(seed_iframe_template));
    EXPECT_EQ(
        written.at("_includes/iframe.html"),
        R"(<iframe id="{{ include.id | escape }}" src="{{ include.src | escape }}" width="{{ include.width | escape }}" height="{{ include.height | escape }}" scrolling="{{ include.scrolling | escape }}" style="{{ include.style }}"></iframe>)");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
}

TEST(HugoTemplateToLiquid, WithBlocksAndTrimMarkersOfTheSampleIframe) {
    Written written = to_include("iframe", sample_template("hugo/layouts/shortcodes/iframe.html"));
    // The white space before `{{-` stays in the include: Liquid's `{%-` trims it.
    EXPECT_EQ(
        written.at("_includes/iframe.html"),
        "<iframe\n"
        R"(  {%- if include.id and include.id != "" %} id="{{ include.id | escape }}"{% endif %})"
        "\n"
        R"(  {%- if include.src and include.src != "" %} src="{{ include.src | escape }}"{% endif %})"
        "\n"
        R"(  {%- if include.width and include.width != "" %} width="{{ include.width | escape }}"{% endif %})"
        "\n"
        R"(  {%- if include.height and include.height != "" %} height="{{ include.height | escape }}"{% endif %})"
        "\n"
        R"(  {%- if include.scrolling and include.scrolling != "" %} scrolling="{{ include.scrolling | escape }}"{% endif %})"
        "\n"
        R"(  {%- if include.style and include.style != "" %} style="{{ include.style }}"{% endif %}></iframe>)"
        "\n");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
}

TEST(HugoTemplateToLiquid, IfElseAndParenthesizedGet) {
    Written written = to_include(
        "box",
        R"(<div{{ if (.Get "open") }} open{{ else }} closed{{ end }}>{{ with .Get "title" }}<h2>{{ . | upper }}</h2>{{ else }}<h2>{{ .Get 0 }}</h2>{{ end }}</div>)");
    EXPECT_EQ(written.at("_includes/box.html"),
              R"(<div{% if include.open and include.open != "" %} open{% else %} closed{% endif %}>)"
              R"({% if include.title and include.title != "" %}<h2>{{ include.title | upcase | escape }}</h2>)"
              R"({% else %}<h2>{{ include._0 | escape }}</h2>{% endif %}</div>)");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
}

TEST(HugoTemplateToLiquid, InnerIsHtmlWithAnyPipes) {
    EXPECT_EQ(
        to_include("callout", sample_template("hugo/layouts/shortcodes/callout.html")).at("_includes/callout.html"),
        "<div class=\"callout {{ include.type | escape }}\">{{ include.inner }}</div>\n");
    EXPECT_EQ(to_include("note", sample_template("hugo/layouts/shortcodes/note.html")).at("_includes/note.html"),
              "<aside class=\"note\">{{ include.inner | markdownify }}</aside>\n");
    EXPECT_EQ(to_include("p", R"({{ .Inner | safeHTML }}{{ .Inner | .Page.RenderString }}{{ .Inner | htmlEscape }})")
                  .at("_includes/p.html"),
              "{{ include.inner }}{{ include.inner | markdownify }}{{ include.inner | escape | escape }}");
}

TEST(HugoTemplateToLiquid, FunctionsOfTheFilterTable) {
    Written written = to_include(
        "f",
        R"({{ .Get "a" | default "none" }}|{{ default "x" (.Get "b") }}|{{ markdownify (.Get "c") }}|{{ .Get "d" | safeHTML }}|{{ .Get "u" | relURL }}|{{ .Name }})");
    EXPECT_EQ(
        written.at("_includes/f.html"),
        R"({{ include.a | default: "none" | escape }}|{{ include.b | default: "x" | escape }}|{{ include.c | markdownify }}|{{ include.d }}|{{ include.u | relative_url }}|{{ "f" | escape }})");
}

TEST(HugoTemplateToLiquid, VariablesBecomeAssignments) {
    Written written = to_include("v", R"({{- $title := .Get "title" | default "Untitled" -}}
<h2>{{ $title }}</h2>{{ $body := .Inner }}{{ $body }}{{ with $c := .Get "class" }}<i class="{{ $c }}"></i>{{ end }}{{ $page := 1 }})");
    EXPECT_EQ(written.at("_includes/v.html"),
              R"({%- assign title = include.title | default: "Untitled" -%})"
              "\n"
              R"(<h2>{{ title | escape }}</h2>{% assign body = include.inner %}{{ body }})"
              R"({% assign c = include.class %}{% if c and c != "" %}<i class="{{ c | escape }}"></i>{% endif %})"
              R"({% assign postport_page = 1 %})");
}

TEST(HugoTemplateToLiquid, CommentsAreDroppedWithTheirTrimMarkers) {
    EXPECT_EQ(to_include("c", "{{/* a comment */}}A  {{- /* another\n}} one */ -}}  B").at("_includes/c.html"), "AB");
}

TEST(HugoTemplateToLiquid, ConditionsKeepGoTruthAndGrouping) {
    Written written = to_include(
        "c",
        R"({{ if not (.Get "a") }}1{{ end }}{{ if eq (.Get "k") "v" }}2{{ else if ne .Inner "" }}3{{ end }}{{ if and (.Get "a") (.Get "b") }}4{{ end }})");
    EXPECT_EQ(written.at("_includes/c.html"),
              R"({% unless include.a and include.a != "" %}1{% endunless %})"
              R"({% if include.k == "v" %}2{% elsif include.inner != "" %}3{% endif %})"
              R"({% if include.a and include.a != "" and include.b and include.b != "" %}4{% endif %})");
    // Liquid reads `a or b and c` from the right and counts "" as true, so an
    // `or` of parameters is computed into a flag first.
    Written flagged = to_include("o", R"({{ if or (.Get "alt") (.Get "caption") }}yes{{ end }})");
    EXPECT_EQ(flagged.at("_includes/o.html"),
              R"({% assign postport_t1 = false %})"
              R"({% if include.alt and include.alt != "" %}{% assign postport_t1 = true %}{% endif %})"
              R"({% if include.caption and include.caption != "" %}{% assign postport_t1 = true %}{% endif %})"
              R"({% if postport_t1 %}yes{% endif %})");
    // As a value, `or` is the first non-empty argument: Liquid's default.
    EXPECT_EQ(to_include("d", R"({{ or (.Get "title") (.Get 0) "Untitled" }})").at("_includes/d.html"),
              R"({{ include.title | default: include._0 | default: "Untitled" | escape }})");
}

TEST(HugoTemplateToLiquid, LiquidLookalikesInTheTextArePrinted) {
    // Go prints `{%` as text, and a `{` the trim markers bring next to an
    // action; Liquid would read both as the start of a tag.
    Written written = to_include(
        "t", R"(<p>{% raw %} {{ "{{" }}</p><style>a{color:red}</style><b>{ {{- /* c */ -}} {{ .Get "x" }}}</b>)");
    EXPECT_EQ(
        written.at("_includes/t.html"),
        R"(<p>{{ "{" }}% raw %} {{ "{{" | escape }}</p><style>a{color:red}</style><b>{{ "{" }}{{ include.x | escape }}}</b>)");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
}

TEST(HugoTemplateToLiquid, SiteAndPageAccessGiveAStubAndAWarning) {
    Written written = to_include("banner", "<div>\n  {{ .Get \"x\" }} {{ .Site.Params.banner }}\n</div>");
    const std::string& text = written.at("_includes/banner.html");
    EXPECT_TRUE(contains(text, R"(<div class="postport-shortcode" data-shortcode="banner">)")) << text;
    EXPECT_TRUE(contains(text, "<span>{{ postport_parameter[0] }}: {{ postport_parameter[1] | escape }}</span>"))
        << text;
    EXPECT_TRUE(contains(text, "{{ include.inner }}")) << text;
    const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
    ASSERT_NE(warning, nullptr) << describe(written.warnings);
    EXPECT_EQ(warning->where.path, "layouts/shortcodes/banner.html");
    EXPECT_EQ(warning->where.line, 2);
    EXPECT_EQ(warning->where.column, 21);
    EXPECT_TRUE(contains(warning->message, "`.Site.Params.banner`")) << warning->message;
    EXPECT_EQ(warning_kind_name(warning->kind), "needs-porting");
}

TEST(HugoTemplateToLiquid, EveryOtherConstructStopsTheTranslation) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {R"({{ range .Params }}{{ . }}{{ end }})", "`range`"},
        {R"({{ partial "x.html" . }})", "`partial`"},
        {R"({{ printf "%s" (.Get "a") }})", "`printf`"},
        {R"({{ if .IsNamedParams }}x{{ end }})", "`.IsNamedParams`"},
        {R"({{ .Page.Title }})", "`.Page.Title`"},
        {R"({{ $img := resources.Get "a.png" }})", "`resources.Get`"},
        {R"({{ . }})", "`.` outside `with`"},
        {R"({{ if .Get "a" }}unclosed)", "`if` without `end`"},
        {R"({{ .Get "a" )", "an unclosed action"},
    };
    for (const auto& [text, construct] : cases) {
        SCOPED_TRACE(std::string(text));
        Written written = to_include("s", std::string(text));
        const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
        ASSERT_NE(warning, nullptr);
        EXPECT_TRUE(contains(warning->message, construct)) << warning->message;
        EXPECT_TRUE(contains(written.at("_includes/s.html"), "postport-shortcode"));
    }
}

TEST(HugoTemplateToLiquid, NoTemplateGivesAStubAndAWarning) {
    Written written = to_include("gallery", std::nullopt);
    EXPECT_TRUE(contains(written.at("_includes/gallery.html"), R"(data-shortcode="gallery")"));
    const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
    ASSERT_NE(warning, nullptr);
    EXPECT_TRUE(contains(warning->message, "no template found")) << warning->message;
    EXPECT_EQ(warning->where.path, "_includes/gallery.html");
}

TEST(HugoTemplateToLiquid, NestedNamesMakeNestedIncludes) {
    Written written = to_include("blocks/hero", std::string(R"(<h1>{{ .Get "t" }}</h1>)"));
    EXPECT_EQ(written.at("_includes/blocks/hero.html"), R"(<h1>{{ include.t | escape }}</h1>)");
}

TEST(HugoTemplateToLiquid, HtmlElementCallsWithoutTemplateWriteTheirAttributes) {
    Written written = write_templates("jekyll", {{"iframe", std::nullopt}, {"img", std::nullopt}}, "hugo");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
    const std::string& iframe = written.at("_includes/iframe.html");
    EXPECT_TRUE(iframe.starts_with("<iframe{% for postport_attribute in include %}")) << iframe;
    EXPECT_TRUE(contains(iframe, R"( {{ postport_attribute[0] }}="{{ postport_attribute[1] | escape }}")")) << iframe;
    EXPECT_TRUE(contains(iframe, ">{{ include.inner }}</iframe>")) << iframe;
    const std::string& img = written.at("_includes/img.html");
    EXPECT_TRUE(img.starts_with("<img{% for")) << img;
    EXPECT_FALSE(contains(img, "</img>")) << img;
}

TEST(HugoTemplateToLiquid, BuiltinShortcodesGetWorkingIncludes) {
    Written written = write_templates("jekyll",
                                      {{"figure", std::nullopt},
                                       {"youtube", std::nullopt},
                                       {"vimeo", std::nullopt},
                                       {"gist", std::nullopt},
                                       {"x", std::nullopt},
                                       {"twitter", std::nullopt},
                                       {"tweet", std::nullopt},
                                       {"instagram", std::nullopt},
                                       {"details", std::nullopt},
                                       {"param", std::nullopt},
                                       {"highlight", std::nullopt}},
                                      "hugo");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
    const std::pair<std::string_view, std::vector<std::string_view>> expected[] = {
        {"figure", {"<figure", "<img src=\"{{ include.src | escape }}\"", "<figcaption>", "<h4>", "</figure>"}},
        {"youtube", {"<iframe src=\"https://www.youtube-nocookie.com/embed/", "include._0", "allowfullscreen"}},
        {"vimeo", {"<iframe src=\"https://player.vimeo.com/video/", "include._0"}},
        {"gist", {"<script", "src=\"https://gist.github.com/", ".js{% if postport_file %}?file="}},
        {"x", {"<blockquote class=\"twitter-tweet\">", "https://x.com/"}},
        {"twitter", {"<blockquote class=\"twitter-tweet\">", "https://twitter.com/"}},
        {"tweet", {"<blockquote class=\"twitter-tweet\">"}},
        {"instagram", {"<blockquote class=\"instagram-media\"", "https://www.instagram.com/p/"}},
        {"details", {"<details", "<summary>", "{{ include.inner | markdownify", "</details>", " open{% endif %}"}},
        {"param", {"page[include._0]", "site.params[include._0]"}},
        {"highlight", {"<pre><code", "{{ include.inner | escape }}"}},
    };
    for (const auto& [name, needles] : expected) {
        const std::string& text = written.at("_includes/" + std::string(name) + ".html");
        for (auto needle : needles) EXPECT_TRUE(contains(text, needle)) << name << " lacks " << needle << ":\n" << text;
    }
}

TEST(HugoTemplateToLiquid, BuiltinsWithoutLiquidEquivalentAreReported) {
    Written written = write_templates("jekyll", {{"qr", std::nullopt}, {"relref", std::nullopt}}, "hugo");
    EXPECT_TRUE(contains(written.at("_includes/qr.html"), "<figure class=\"postport-shortcode postport-qr"));
    EXPECT_TRUE(contains(written.at("_includes/qr.html"), "include.text | default: include.inner"));
    EXPECT_TRUE(contains(written.at("_includes/relref.html"), "include._0"));
    ASSERT_EQ(written.warnings.all().size(), 2u) << describe(written.warnings);
    for (const auto& warning : written.warnings.all()) EXPECT_EQ(warning.kind, WarningKind::NeedsPorting);
    EXPECT_TRUE(contains(written.warnings.all()[0].message, "QR code"));
}

TEST(HugoTemplateToLiquid, UntranslatableOverrideOfABuiltinFallsBackToTheBuiltin) {
    Written written = to_include("figure", std::string(R"({{ $img := .Page.Resources.Get (.Get "src") }})"));
    EXPECT_TRUE(contains(written.at("_includes/figure.html"), "<figure"));
    const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
    ASSERT_NE(warning, nullptr);
    EXPECT_TRUE(contains(warning->message, "built-in")) << warning->message;
}

TEST(HugoTemplateToLiquid, UntranslatableElementTemplateFallsBackToTheElement) {
    Written written = to_include("iframe", std::string(R"(<iframe src="{{ .Site.Params.embed }}"></iframe>)"));
    EXPECT_TRUE(written.at("_includes/iframe.html").starts_with("<iframe{% for postport_attribute in include %}"));
    const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
    ASSERT_NE(warning, nullptr);
    EXPECT_TRUE(contains(warning->message, "`.Site.Params.embed`")) << warning->message;
    EXPECT_TRUE(contains(warning->message, "<iframe> element")) << warning->message;
}

// ---------------------------------------------------------------------------
// Jekyll includes -> Hugo shortcode templates

TEST(LiquidTemplateToHugo, SampleNoteIncludeReadsShortcodeParameters) {
    Written written = to_shortcode("note", sample_template("jekyll/_includes/note.html"));
    EXPECT_EQ(written.at("layouts/shortcodes/note.html"),
              "<aside class=\"note {{ .Get \"kind\" }}\">{{ .Get \"text\" | safeHTML }}</aside>\n");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
}

TEST(LiquidTemplateToHugo, ConditionsAssignmentsAndFilters) {
    Written written = to_shortcode("box.html",
                                   R"({%- assign t = include.title | default: "Box" -%}
<div{% if include.open == true or include.open == "true" %} open{% endif %}>{% unless include.hide %}<h2>{{ t | escape }}</h2>{% elsif include._0 %}{{ include._0 }}{% else %}-{% endunless %}{{ include.inner | markdownify }}</div>)");
    EXPECT_EQ(
        written.at("layouts/shortcodes/box.html"),
        R"({{ $t := "" }}{{- $t = .Get "title" | default "Box" -}})"
        "\n"
        R"(<div{{ if or (eq (.Get "open") true) (eq (.Get "open") "true") }} open{{ end }}>)"
        R"({{ if not (.Get "hide") }}<h2>{{ $t | htmlEscape | safeHTML }}</h2>{{ else if .Get 0 }}{{ .Get 0 | safeHTML }})"
        R"({{ else }}-{{ end }}{{ .Inner | markdownify | safeHTML }}</div>)");
    EXPECT_TRUE(written.warnings.empty()) << describe(written.warnings);
}

TEST(LiquidTemplateToHugo, OutputsAreMarkedSafeForWhereTheyAre) {
    Written written = to_shortcode(
        "ctx",
        R"(<a href="{{ include.url }}" style="{{ include.css }}" onclick="{{ include.js }}" title={{ include.t }} {{ include.attrs }}>{{ include.text }}</a><script>var x = {{ include.n }};</script><style>p { color: {{ include.c }} }</style>{% raw %}{{ x }}{% endraw %})");
    EXPECT_EQ(
        written.at("layouts/shortcodes/ctx.html"),
        R"(<a href="{{ .Get "url" | safeURL }}" style="{{ .Get "css" | safeCSS }}" onclick="{{ .Get "js" | safeJS }}")"
        R"( title={{ .Get "t" }} {{ .Get "attrs" | safeHTMLAttr }}>{{ .Get "text" | safeHTML }}</a>)"
        R"(<script>var x = {{ .Get "n" | safeJS }};</script><style>p { color: {{ .Get "c" | safeCSS }} }</style>)"
        R"({{ "{" | safeHTML }}{ x }})");
}

TEST(LiquidTemplateToHugo, CommentsAndRawBlocks) {
    EXPECT_EQ(to_shortcode("c", "A {%- comment -%} {{ site.x }} {%- endcomment -%} B{% # note %}")
                  .at("layouts/shortcodes/c.html"),
              "AB");
}

TEST(LiquidTemplateToHugo, SiteAndLoopsGiveAStubAndAWarning) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"<p>{{ site.title }}</p>", "`site.title`"},
        {"{% for x in include.list %}{{ x }}{% endfor %}", "the tag `for`"},
        {"{% include other.html %}", "the tag `include`"},
        {"{% capture x %}a{% endcapture %}", "the tag `capture`"},
        {"{{ include.x | replace: \"a\", \"b\" }}", "the filter `replace`"},
        {"{{ page.title }}", "`page.title`"},
    };
    for (const auto& [text, construct] : cases) {
        SCOPED_TRACE(std::string(text));
        Written written = to_shortcode("s", std::string(text));
        const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
        ASSERT_NE(warning, nullptr);
        EXPECT_TRUE(contains(warning->message, construct)) << warning->message;
        EXPECT_EQ(warning->where.path, "_includes/s.html");
        EXPECT_EQ(
            written.at("layouts/shortcodes/s.html"),
            R"(<div class="postport-shortcode" data-shortcode="s">{{ range $key, $value := .Params }}<span>{{ $key }}: {{ $value }}</span>{{ end }}</div>)"
            "\n");
    }
}

TEST(LiquidTemplateToHugo, StubReadsInnerOnlyWhenTheIncludeDid) {
    // Hugo refuses an unclosed call to a template that reads .Inner, and a
    // closed one to a template that does not.
    Written written = to_shortcode("wrap", std::string("{{ site.x }}{{ include.inner }}"));
    EXPECT_TRUE(contains(written.at("layouts/shortcodes/wrap.html"), "{{ .Inner }}"));
}

TEST(LiquidTemplateToHugo, MissingIncludesOfHugoBuiltinsNeedNoTemplate) {
    Written written = write_templates("hugo", {{"youtube", std::nullopt}, {"card", std::nullopt}}, "jekyll");
    EXPECT_EQ(written.files.count("layouts/shortcodes/youtube.html"), 0u);
    EXPECT_TRUE(contains(written.at("layouts/shortcodes/card.html"), "postport-shortcode"));
    const Warning* warning = find_warning(written.warnings, WarningKind::NeedsPorting);
    ASSERT_NE(warning, nullptr);
    EXPECT_TRUE(contains(warning->message, "no template found")) << warning->message;
}

// ---------------------------------------------------------------------------
// Reading templates, layouts

TEST(TemplateRead, HugoLooksInTheSiteThenItsThemes) {
    TempDir site;
    write_bytes(site / "layouts/shortcodes/a.html", "site a");
    write_bytes(site / "themes/t/layouts/shortcodes/a.html", "theme a");
    write_bytes(site / "themes/t/layouts/shortcodes/b.md", "theme b");
    write_bytes(site / "layouts/shortcodes/blocks/c.html", "site c");
    const Platform& hugo = platform("hugo");
    EXPECT_EQ(hugo.read_template(site.path(), "a"), "site a");
    EXPECT_EQ(hugo.read_template(site.path(), "b"), "theme b");
    EXPECT_EQ(hugo.read_template(site.path(), "blocks/c"), "site c");
    EXPECT_EQ(hugo.read_template(site.path(), "missing"), std::nullopt);
    EXPECT_EQ(hugo.read_template(site.path(), "../x"), std::nullopt);
}

TEST(TemplateRead, JekyllReadsIncludesByNameOrFileName) {
    TempDir site;
    write_bytes(site / "_includes/note.html", "note");
    write_bytes(site / "_includes/sub/card.html", "card");
    write_bytes(site / "_includes/text.md", "md");
    const Platform& jekyll = platform("jekyll");
    EXPECT_EQ(jekyll.read_template(site.path(), "note"), "note");
    EXPECT_EQ(jekyll.read_template(site.path(), "note.html"), "note");
    EXPECT_EQ(jekyll.read_template(site.path(), "sub/card"), "card");
    EXPECT_EQ(jekyll.read_template(site.path(), "text.md"), "md");
    EXPECT_EQ(jekyll.read_template(site.path(), "missing"), std::nullopt);
    EXPECT_EQ(jekyll.read_template(site.path(), "../_config.yml"), std::nullopt);
    EXPECT_EQ(platform("jekyll").read_template(samples_dir() / "jekyll", "note"),
              sample_template("jekyll/_includes/note.html"));
}

TEST(Layouts, BothPlatformsShowTheArticle) {
    std::map<std::string, std::string> jekyll;
    for (const auto& file : platform("jekyll").write_layouts()) jekyll[file.path] = file.bytes;
    ASSERT_EQ(jekyll.size(), 3u);
    EXPECT_TRUE(contains(jekyll["_layouts/default.html"], "{{ content }}"));
    EXPECT_TRUE(contains(jekyll["_layouts/default.html"], "{{ page.date | date: \"%Y-%m-%d\" }}"));
    for (const char* layout : {"_layouts/post.html", "_layouts/page.html"}) {
        EXPECT_TRUE(jekyll[layout].starts_with("---\nlayout: default\n")) << layout;
        EXPECT_TRUE(contains(jekyll[layout], "class=\"postport-article\"")) << layout;
        EXPECT_TRUE(contains(jekyll[layout], "{{ page.title | escape }}")) << layout;
    }
    std::map<std::string, std::string> hugo;
    for (const auto& file : platform("hugo").write_layouts()) hugo[file.path] = file.bytes;
    ASSERT_EQ(hugo.size(), 4u);
    EXPECT_TRUE(contains(hugo["layouts/_default/baseof.html"], "{{ block \"main\" . }}"));
    EXPECT_TRUE(contains(hugo["layouts/_default/single.html"], "class=\"postport-article\""));
    EXPECT_TRUE(contains(hugo["layouts/_default/single.html"], ".Date.Format \"2006-01-02\""));
    EXPECT_TRUE(contains(hugo["layouts/_default/single.html"], ".Params.tags"));
    EXPECT_TRUE(contains(hugo["layouts/_default/list.html"], "range .Pages"));
    EXPECT_TRUE(contains(hugo["layouts/index.html"], "range .Site.RegularPages"));
}

// ---------------------------------------------------------------------------
// The real generators

RunResult build_jekyll(const fs::path& source, const fs::path& destination) {
    return run({find_program("env").string(), "LANG=C.UTF-8", "TZ=UTC", "jekyll", "build", "--source", source.string(),
                "--destination", destination.string()});
}

// Blocks of a Markdown body, a blank line between them.
std::string paragraphs(std::initializer_list<std::string> blocks) {
    std::string out;
    for (const auto& block : blocks) out += (out.empty() ? "" : "\n\n") + block;
    return out + "\n";
}

void write_all(const fs::path& root, const std::vector<OutputFile>& files) {
    for (const auto& file : files) write_bytes(root / file.path, file.bytes);
}

TEST(TemplatesWithRealJekyll, IncludesBuildAndRender) {
    if (find_program("jekyll").empty()) GTEST_SKIP() << "jekyll is not installed (scripts/setup installs it)";
    TempDir work;
    const fs::path site = work / "site";
    Warnings warnings;
    const UsedTemplates used = {
        {"figure", std::nullopt},
        {"youtube", std::nullopt},
        {"vimeo", std::nullopt},
        {"gist", std::nullopt},
        {"x", std::nullopt},
        {"instagram", std::nullopt},
        {"details", std::nullopt},
        {"qr", std::nullopt},
        {"iframe", std::nullopt},
        {"seed_iframe", sample_template("hugo/layouts/shortcodes/iframe.html")},
        {"callout", sample_template("hugo/layouts/shortcodes/callout.html")},
        {"box",
         std::string(
             R"({{ $t := or (.Get "title") "Box" }}<section class="box{{ with .Get "class" }} {{ . }}{{ end }}">)"
             R"(<h3>{{ $t }}</h3>{{ if or (.Get "a") (.Get "b") }}<p class="either">yes</p>{{ end }}</section>)")},
        {"gallery", std::string(R"({{ range .Site.Pages }}{{ .Title }}{{ end }})")},
        {"missing", std::nullopt},
        {"lookalike", std::string(R"(<p class="lookalike">{% raw %} {{ "{{" }} {{ .Get "x" }}</p>)")},
    };
    write_all(site, platform("jekyll").write_templates(used, "hugo", warnings));
    write_all(site, platform("jekyll").write_layouts());
    write_bytes(site / "_config.yml",
                "title: Test site\nmarkdown: kramdown\n"
                "defaults:\n  - scope: {path: \"\", type: posts}\n    values: {layout: post}\n");
    write_bytes(site / "_posts/2024-01-02-all-includes.md",
                "---\ntitle: All includes\ntags: [one, two]\n---\n" +
                    paragraphs({
                        "Intro paragraph.",
                        R"({% include figure.html src="/a.png" alt="A" caption="Cap **bold**" %})",
                        R"({% include youtube.html _0="dQw4w9WgXcQ" %})",
                        R"({% include vimeo.html _0="146022717" %})",
                        R"({% include gist.html _0="spf13" _1="7896402" _2="img.html" %})",
                        R"({% include x.html user="SanDiegoZoo" id="1453110110599868418" %})",
                        R"({% include instagram.html _0="BWNjjyYFxVx" %})",
                        R"({% capture postport_inner_1 %}Hidden **text**{% endcapture %})"
                        R"({% include details.html summary="More" inner=postport_inner_1 %})",
                        R"({% include qr.html text="https://example.org" %})",
                        seed_call("iframe"),
                        seed_call("seed_iframe"),
                        R"({% capture postport_inner_2 %}Careful now{% endcapture %})"
                        R"({% include callout.html type="warning" inner=postport_inner_2 %})",
                        R"({% include box.html class="wide" b=true %})",
                        R"({% include gallery.html _0="x" %})",
                        R"({% include missing.html a="1" b="<two>" %})",
                        R"({% include lookalike.html x="<y>" %})",
                        "Closing paragraph.",
                    }));
    RunResult built = build_jekyll(site, work / "out");
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    EXPECT_FALSE(contains(built.out + built.err, "Liquid Warning")) << built.out << built.err;
    EXPECT_FALSE(contains(built.out + built.err, "Error")) << built.out << built.err;

    const std::string html = read_bytes(work / "out/2024/01/02/all-includes.html");
    const std::string_view expected[] = {
        "<title>All includes | Test site</title>",
        "<h1 class=\"title\">All includes</h1>",
        "<li>one</li><li>two</li>",
        "<time class=\"date\" datetime=\"2024-01-02T00:00:00+00:00\">2024-01-02</time>",
        "<p>Intro paragraph.</p>",
        "<p>Closing paragraph.</p>",
        // figure: Hugo's markup, the empty img tag as kramdown re-spells it
        R"(<figure><img src="/a.png" alt="A" /><figcaption><p>Cap <strong>bold</strong></p></figcaption></figure>)",
        R"(<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" style="position: absolute;)",
        R"(title="YouTube Video")",
        R"(<iframe src="https://player.vimeo.com/video/146022717")",
        R"(src="https://gist.github.com/spf13/7896402.js?file=img.html"></script>)",
        R"(<a href="https://x.com/SanDiegoZoo/status/1453110110599868418">)",
        R"(<a href="https://www.instagram.com/p/BWNjjyYFxVx/">)",
        "<details>\n<summary>More</summary>\n<p>Hidden <strong>text</strong></p>\n</details>",
        R"(<code>https://example.org</code>)",
        R"(<div class="callout warning">Careful now</div>)",
        R"(<section class="box wide"><h3>Box</h3><p class="either">yes</p></section>)",
        R"(<div class="postport-shortcode" data-shortcode="gallery"><span>_0: x</span></div>)",
        R"(<div class="postport-shortcode" data-shortcode="missing"><span>a: 1</span><span>b: &lt;two&gt;</span></div>)",
        R"(<p class="lookalike">{% raw %} {{ &lt;y&gt;</p>)",
    };
    for (auto needle : expected) EXPECT_TRUE(contains(html, needle)) << "missing " << needle << " in\n" << html;
    // The article is shown once: post.html tells default.html not to repeat it.
    EXPECT_EQ(count(html, "class=\"postport-article\""), 1u) << html;
    // Both iframe includes carry every attribute of the seed's call.
    EXPECT_EQ(count(html, "<iframe"), 4u) << html;
    std::size_t from = 0;
    for (int seen = 0; seen < 2; ++seen) {
        from = html.find("<iframe id=\"large-banner\"", from);
        ASSERT_NE(from, std::string::npos) << "seed iframe " << seen << " missing in\n" << html;
        const std::string tag = html.substr(from, html.find('>', from) - from);
        for (const auto& [name, value] : seed_iframe_attributes)
            EXPECT_TRUE(contains(tag, std::string(name) + "=\"" + std::string(value) + "\"")) << name << " in " << tag;
        from += tag.size();
    }
}

TEST(TemplatesWithRealJekyll, DefaultLayoutAloneShowsTheArticle) {
    if (find_program("jekyll").empty()) GTEST_SKIP() << "jekyll is not installed (scripts/setup installs it)";
    TempDir work;
    const fs::path site = work / "site";
    write_all(site, platform("jekyll").write_layouts());
    write_bytes(site / "_config.yml", "title: T\n");
    write_bytes(site / "about.md", "---\ntitle: About\nlayout: default\n---\nAbout text.\n");
    write_bytes(site / "contact.md", "---\ntitle: Contact\nlayout: page\n---\nContact text.\n");
    RunResult built = build_jekyll(site, work / "out");
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    for (const char* page : {"about.html", "contact.html"}) {
        const std::string html = read_bytes(work / "out" / page);
        EXPECT_EQ(count(html, "class=\"postport-article\""), 1u) << html;
        EXPECT_FALSE(contains(html, "<time")) << html;
    }
}

TEST(TemplatesWithRealHugo, ShortcodesAndLayoutsBuild) {
    if (find_program("hugo").empty()) GTEST_SKIP() << "hugo is not installed (scripts/setup installs it)";
    TempDir work;
    const fs::path site = work / "site";
    Warnings warnings;
    const UsedTemplates used = {
        {"note", sample_template("jekyll/_includes/note.html")},
        {"box",
         std::string(
             R"({%- assign t = include.title | default: "Box" -%}<section class="box {{ include.class }}" style="{{ include.style }}">)"
             R"({% if include.title and include.open == "yes" %}<h3>{{ t | escape }}</h3>{% else %}<h4>{{ t }}</h4>{% endif %})"
             R"(<a href="{{ include.url }}">{{ include._0 }}</a></section>)")},
        {"wrap", std::string(R"(<div class="wrap">{{ include.inner | markdownify }}</div>)")},
        {"lookalike", std::string(R"(<p class="lookalike">{% raw %}{{ x }} {%{% endraw %} {{ include.x }}</p>)")},
        {"fancy", std::string("{% for x in site.posts %}{{ x.title }}{% endfor %}")},
        {"card", std::nullopt},
        {"youtube", std::nullopt},
    };
    write_all(site, platform("hugo").write_templates(used, "jekyll", warnings));
    write_all(site, platform("hugo").write_layouts());
    EXPECT_EQ(warnings.all().size(), 2u) << describe(warnings);
    write_bytes(site / "hugo.toml",
                "baseURL = \"https://example.org/\"\ntitle = \"Test site\"\n"
                "[markup.goldmark.renderer]\nunsafe = true\n");
    write_bytes(site / "content/post/all-shortcodes.md",
                "---\ntitle: All shortcodes\ndate: 2024-01-02T00:00:00Z\ntags: [one, two]\ncategories: tools\n---\n" +
                    paragraphs({
                        "Intro paragraph.",
                        R"({{< note text="Remember <em>this</em>" kind="tip" >}})",
                        R"~({{< box title="T&C" open="yes" class="wide" style="color: red; margin: 0 (1px)")~"
                        R"( url="https://example.org/?a=1&b=2" >}})",
                        R"({{< wrap >}}Some **bold** text{{< /wrap >}})",
                        R"({{< fancy a="1" >}})",
                        R"({{< card 1 two >}})",
                        R"({{< youtube dQw4w9WgXcQ >}})",
                        R"({{< lookalike x="<y>" >}})",
                        "Closing paragraph.",
                    }));
    RunResult built =
        run({find_program("hugo").string(), "--source", site.string(), "--destination", (work / "out").string()});
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    EXPECT_FALSE(contains(built.out + built.err, "ERROR")) << built.out << built.err;

    const std::string html = read_bytes(work / "out/post/all-shortcodes/index.html");
    const std::string_view expected[] = {
        "<title>All shortcodes | Test site</title>",
        "<article class=\"postport-article\">",
        "<h1 class=\"title\">All shortcodes</h1>",
        ">2024-01-02</time>",
        "<ul class=\"tags\"><li>one</li><li>two</li></ul>",
        "<ul class=\"categories\"><li>tools</li></ul>",
        "<p>Intro paragraph.</p>",
        "<p>Closing paragraph.</p>",
        R"(<aside class="note tip">Remember <em>this</em></aside>)",
        R"~(<section class="box wide" style="color: red; margin: 0 (1px)"><h3>T&amp;C</h3><a href="https://example.org/?a=1&amp;b=2"></a></section>)~",
        R"(<div class="wrap">Some <strong>bold</strong> text</div>)",
        R"(<div class="postport-shortcode" data-shortcode="fancy"><span>a: 1</span></div>)",
        R"(<div class="postport-shortcode" data-shortcode="card"><span>0: 1</span><span>1: two</span></div>)",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        R"(<p class="lookalike">{{ x }} {% <y></p>)",  // unescaped, as Liquid prints it
    };
    for (auto needle : expected) EXPECT_TRUE(contains(html, needle)) << "missing " << needle << " in\n" << html;
    const std::string home = read_bytes(work / "out/index.html");
    EXPECT_TRUE(contains(home, R"(<a href="/post/all-shortcodes/">All shortcodes</a>)")) << home;
}

}  // namespace
