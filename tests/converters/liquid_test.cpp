// Jekyll bodies: the Liquid lexer (platforms.md section 3), the writer that
// spells a Body so Jekyll prints it, and proofs with the real Liquid and
// Jekyll (Debian's liquid 5.4.0 and jekyll 4.3.1) when they are installed.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "converters/jekyll/liquid.h"
#include "tests/support/support.h"

using namespace postport;
using namespace postport::test;

namespace {

using Kind = BodyNode::Kind;

constexpr const char* test_path = "_posts/2021-09-27-x.md";

struct ReadResult {
    Body body;
    Warnings warnings;
};

ReadResult read(std::string_view text, std::string separator = {}, int first_line = 1) {
    BodyContext context;
    context.display_path = test_path;
    context.first_line = first_line;
    context.excerpt_separator = std::move(separator);
    ReadResult result;
    result.body = read_liquid_body(text, context, result.warnings);
    return result;
}

struct WriteResult {
    std::string text;
    Warnings warnings;
    std::vector<std::string> used_templates;
};

WriteResult write(const Body& body, const SiteIndex* site = nullptr, std::string path = test_path) {
    BodyContext context;
    context.display_path = test_path;
    context.path = std::move(path);
    context.site = site;
    WriteResult result;
    result.text = write_liquid_body(body, context, result.warnings);
    result.used_templates = context.used_templates;
    return result;
}

BodyNode node_of(Kind kind, std::string text = {}) {
    BodyNode node;
    node.kind = kind;
    node.text = std::move(text);
    return node;
}

BodyNode text(std::string value) { return node_of(Kind::Text, std::move(value)); }
BodyNode literal(std::string value) { return node_of(Kind::Literal, std::move(value)); }

BodyNode call(std::string name, std::vector<CallParameter> parameters = {},
              std::optional<std::vector<BodyNode>> inner = std::nullopt) {
    BodyNode node = node_of(Kind::Call);
    node.name = std::move(name);
    node.parameters = std::move(parameters);
    node.inner = std::move(inner);
    return node;
}

CallParameter positional(Value value) { return CallParameter{"", std::move(value)}; }
CallParameter named(std::string name, Value value) { return CallParameter{std::move(name), std::move(value)}; }

// A body's structure without positions: kinds, names, typed parameters,
// inner nodes, texts.
std::string shape(const Body& body);

std::string shape(const Value& value) {
    switch (value.type()) {
        case ValueType::Bool: return value.as_bool() ? "true" : "false";
        case ValueType::Integer: return std::to_string(value.as_integer());
        case ValueType::Float: return "float:" + std::to_string(value.as_float());
        case ValueType::String: return "'" + value.as_string() + "'";
        default: return "?";
    }
}

std::string shape(const BodyNode& node) {
    switch (node.kind) {
        case Kind::Text: return "T[" + node.text + "]";
        case Kind::Literal: return "L[" + node.text + "]";
        case Kind::SummaryDivider: return "MORE[" + node.text + "]";
        case Kind::Comment: return "C[" + node.text + "]";
        case Kind::Raw: return "R:" + node.origin + "[" + node.text + "]";
        case Kind::Call: {
            std::string out = node.name + "(";
            for (const auto& parameter : node.parameters) out += parameter.name + "=" + shape(parameter.value) + ";";
            out += ")";
            if (node.inner) out += "{" + shape(*node.inner) + "}";
            return out;
        }
    }
    return "?";
}

std::string shape(const Body& body) {
    std::string out;
    for (const auto& node : body) out += shape(node);
    return out;
}

// What Text and Literal nodes say, joined (other nodes as `<?>`).
std::string printed(const Body& body) {
    std::string out;
    for (const auto& node : body)
        out += node.kind == Kind::Text || node.kind == Kind::Literal ? node.text : std::string("<?>");
    return out;
}

bool has_warning(const Warnings& warnings, WarningKind kind, int line, std::string_view says = {}) {
    for (const Warning& warning : warnings.all())
        if (warning.kind == kind && warning.where.line == line && warning.where.path == test_path &&
            warning.message.find(says) != std::string::npos)
            return true;
    return false;
}

std::string all_messages(const Warnings& warnings) {
    std::string out;
    for (const Warning& warning : warnings.all()) out += format_warning(warning) + "\n";
    return out;
}

// --- Reading ------------------------------------------------------------------

TEST(LiquidRead, TextWithoutLiquidIsOneTextNode) {
    const std::string body = "# Title\n\nSome {text} with } and { alone, 100% sure.\n";
    const ReadResult result = read(body);
    EXPECT_EQ(shape(result.body), "T[" + body + "]");
    EXPECT_TRUE(result.warnings.empty());
}

TEST(LiquidRead, RawBlockIsLiteralAcrossLines) {
    const ReadResult result = read("a\n{% raw %}\n{{ page.title }}\n{% if x %}\n{% endraw %}\nb");
    EXPECT_EQ(shape(result.body), "T[a\n]L[\n{{ page.title }}\n{% if x %}\n]T[\nb]");
    ASSERT_EQ(result.body.size(), 3u);
    EXPECT_EQ(result.body[1].offset, 2u);
    EXPECT_EQ(result.body[1].line, 2);
    EXPECT_EQ(result.body[2].line, 5);
    EXPECT_TRUE(result.warnings.empty());
}

TEST(LiquidRead, RawEndsWhereLiquidEndsIt) {
    // The last `{%` of a token decides: `{% x {% endraw %}` ends the block.
    EXPECT_EQ(shape(read("{% raw %}{% x {% endraw %}!").body), "L[{% x ]T[!]");
    // `{%- endraw %}` does not end a raw block in Liquid 5.4.
    const ReadResult dashed = read("{%raw%}a{%- endraw %}b{%endraw%}");
    EXPECT_EQ(shape(dashed.body), "L[a{%- endraw %}b]");
    // `{% endrawx %}` does not either; Ruby's \w is ASCII, so `{% endrawé %}` does.
    EXPECT_EQ(shape(read("{% raw %}{% endrawx %}{% endraw %}").body), "L[{% endrawx %}]");
    EXPECT_EQ(shape(read("{% raw %}a{% endraw\xC3\xA9 %}b").body), "L[a]T[b]");
}

TEST(LiquidRead, RawWithWhitespaceControlIsLiteralWithAWarning) {
    const ReadResult result = read("a\n{%- raw -%} b {% endraw %} c");
    EXPECT_EQ(shape(result.body), "T[a\n]L[ b ]T[ c]");
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 2, "whitespace control"));
}

TEST(LiquidRead, UnclosedRawIsRawAndTheRestIsRead) {
    const ReadResult result = read("a\n\n{% raw %}\n{{ page.title }} and more");
    EXPECT_EQ(shape(result.body), "T[a\n\n]R:jekyll[{% raw %}]T[\n]param(='title';)T[ and more]");
    ASSERT_EQ(result.warnings.all().size(), 1u);
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::MalformedTemplate, 3, "never closed"));
}

TEST(LiquidRead, HighlightWithLineNumbersAndMarkedLines) {
    const ReadResult result =
        read("{% highlight ruby linenos mark_lines=\"1\t2\" %}\nputs 1\nputs {{ x }}\n{% endhighlight %}");
    EXPECT_EQ(shape(result.body),
              "highlight(='ruby';='linenos=table,hl_lines=1 2';){T[\nputs 1\nputs ]R:jekyll[{{ x }}]T[\n]}");
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 3));
}

TEST(LiquidRead, HighlightWithoutOptionsAndWithRawCode) {
    const ReadResult result = read("{%highlight go%}{% raw %}{{ .Title }}{% endraw %}{%endhighlight%}");
    EXPECT_EQ(shape(result.body), "highlight(='go';){L[{{ .Title }}]}");
    EXPECT_TRUE(result.warnings.empty()) << all_messages(result.warnings);
}

TEST(LiquidRead, HighlightJekyllRefusesIsRaw) {
    const ReadResult options = read("{% highlight go \"linenos=table\" %}x{% endhighlight %}");
    EXPECT_EQ(shape(options.body),
              "R:jekyll[{% highlight go \"linenos=table\" %}]T[x]R:jekyll[{% endhighlight %}]");
    EXPECT_TRUE(has_warning(options.warnings, WarningKind::MalformedTemplate, 1, "highlight takes"));
    // Jekyll's grammar allows one blank between marked lines.
    const ReadResult spaced = read("{% highlight go mark_lines=\"1  2\" %}x{% endhighlight %}");
    EXPECT_EQ(spaced.body.front().kind, Kind::Raw);
    EXPECT_TRUE(has_warning(spaced.warnings, WarningKind::MalformedTemplate, 1, "highlight takes"));
    const ReadResult unclosed = read("{% highlight go %}\ncode");
    EXPECT_EQ(shape(unclosed.body), "R:jekyll[{% highlight go %}]T[\ncode]");
    EXPECT_TRUE(has_warning(unclosed.warnings, WarningKind::MalformedTemplate, 1, "never closed"));
}

TEST(LiquidRead, PostUrlAndLink) {
    const ReadResult result =
        read("[a]({% post_url 2010-07-21-name %}) [b]({% post_url sub/2010-07-21-x %}) [c]({%link about.md%})");
    EXPECT_EQ(shape(result.body),
              "T[[a](]post_url(='2010-07-21-name';)T[) [b](]post_url(='sub/2010-07-21-x';)T[) [c](]link(='about.md';)T[)]");
    EXPECT_TRUE(result.warnings.empty());
    const ReadResult bad = read("{% post_url hello %}");
    EXPECT_EQ(shape(bad.body), "R:jekyll[{% post_url hello %}]");
    EXPECT_TRUE(has_warning(bad.warnings, WarningKind::MalformedTemplate, 1, "does not name a post"));
}

TEST(LiquidRead, IncludeWithNamedPositionalAndTypedParameters) {
    const ReadResult result = read(
        "{% include figure.html _0=\"first\" src=\"a.png\" alt='say \"hi\"' width=300 big=true ratio=1.5 "
        "neg=-2 _1='second' esc=\"a\\\"b\" %}");
    EXPECT_EQ(shape(result.body),
              "figure(='first';src='a.png';alt='say \"hi\"';width=300;big=true;ratio=float:1.500000;neg=-2;"
              "='second';esc='a\"b';)");
    EXPECT_TRUE(result.warnings.empty()) << all_messages(result.warnings);
}

TEST(LiquidRead, IncludeNames) {
    EXPECT_EQ(shape(read("{% include blocks/x.html %}").body), "blocks/x()");
    EXPECT_EQ(shape(read("{% include note.md k=\"v\" %}").body), "note.md(k='v';)");
    EXPECT_EQ(shape(read("{% include a.b.html %}").body), "a.b.html()");
    // A positional-looking name out of order stays named.
    EXPECT_EQ(shape(read("{% include x.html _1=\"b\" %}").body), "x(_1='b';)");
}

TEST(LiquidRead, IncludesHugoCannotRunAreRaw) {
    for (const char* source : {"{% include x.html a=page.title %}", "{% include {{ page.x }} %}",
                               "{% include_relative x.md %}", "{% include noext %}"}) {
        const ReadResult result = read(source);
        EXPECT_EQ(shape(result.body), "R:jekyll[" + std::string(source) + "]");
        EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 1, "Hugo does not run Liquid"))
            << source << "\n" << all_messages(result.warnings);
    }
    const ReadResult positional = read("{% include x.html \"v\" %}");
    EXPECT_EQ(shape(positional.body), "R:jekyll[{% include x.html \"v\" %}]");
    EXPECT_TRUE(has_warning(positional.warnings, WarningKind::MalformedTemplate, 1));
}

TEST(LiquidRead, CapturedInnerContentPairsWithItsInclude) {
    const ReadResult result = read(
        "{% capture postport_inner_1 %}Outer {% capture postport_param_2 %}{% raw %}a \"b\" 'c'{% endraw %}"
        "{% endcapture %}{% capture postport_inner_3 %}*in*{% endcapture %}"
        "{% include y.html t=postport_param_2 inner=postport_inner_3 %} end{% endcapture %}"
        "{% include x.html _0=\"p\" inner=postport_inner_1 %}");
    EXPECT_EQ(shape(result.body), "x(='p';){T[Outer ]y(t='a \"b\" 'c'';){T[*in*]}T[ end]}");
    EXPECT_TRUE(result.warnings.empty()) << all_messages(result.warnings);
    ASSERT_EQ(result.body.size(), 1u);
    EXPECT_EQ(result.body[0].offset, 0u);
}

TEST(LiquidRead, CapturesThatAreNotThePatternAreRaw) {
    const ReadResult other = read("{% capture foo %}x{% endcapture %}");
    EXPECT_EQ(shape(other.body), "R:jekyll[{% capture foo %}]T[x]R:jekyll[{% endcapture %}]");
    EXPECT_EQ(other.warnings.all().size(), 2u);
    // Text between the capture and the include breaks the pattern.
    const ReadResult apart = read("{% capture postport_inner_1 %}x{% endcapture %} {% include x.html inner=postport_inner_1 %}");
    EXPECT_EQ(shape(apart.body),
              "R:jekyll[{% capture postport_inner_1 %}]T[x]R:jekyll[{% endcapture %}]T[ ]"
              "R:jekyll[{% include x.html inner=postport_inner_1 %}]");
    // A capture the include does not use breaks it too.
    const ReadResult unused = read("{% capture postport_inner_1 %}x{% endcapture %}{% include x.html %}");
    EXPECT_EQ(shape(unused.body), "R:jekyll[{% capture postport_inner_1 %}]T[x]R:jekyll[{% endcapture %}]x()");
}

TEST(LiquidRead, Comments) {
    const ReadResult result =
        read("a{% comment %}\nnote {{ x }} {% youtube 1 %}{% raw %}{% endcomment %}{% endraw %}\n{% endcomment %}b"
             "{% # inline %}");
    EXPECT_EQ(shape(result.body),
              "T[a]C[\nnote {{ x }} {% youtube 1 %}{% endcomment %}\n]T[b]C[inline]");
    // Liquid ignores unknown tags in comments: no warning.
    EXPECT_TRUE(result.warnings.empty()) << all_messages(result.warnings);
    const ReadResult unclosed = read("{% comment %}x");
    EXPECT_EQ(shape(unclosed.body), "R:jekyll[{% comment %}]T[x]");
    EXPECT_TRUE(has_warning(unclosed.warnings, WarningKind::MalformedTemplate, 1, "never closed"));
}

TEST(LiquidRead, PageAndSiteVariables) {
    const ReadResult result = read(
        "{{ page.title }} {{page.author.name}} {{ site.params.logo }} {{ page.x | default: site.params.x }}");
    EXPECT_EQ(shape(result.body), "param(='title';)T[ ]param(='author.name';)T[ ]param(='logo';)T[ ]param(='x';)");
    EXPECT_TRUE(result.warnings.empty());
    // A site setting is a `site` call; relative_url of a literal is its URL.
    EXPECT_EQ(shape(read("{{ site.title }}").body), "site(='title';)");
    EXPECT_EQ(shape(read("{{ \"/a/b.png\" | relative_url }}").body), "T[/a/b.png]");
    // Computed variables and filters have no Hugo param form.
    for (const char* source : {"{{ page.url }}", "{{ site.data.authors }}", "{{ page.title | upcase }}",
                               "{{ page.x | default: site.params.y }}", "{{< figure src=\"a\" >}}"}) {
        const ReadResult kept = read(source);
        EXPECT_EQ(shape(kept.body), "R:jekyll[" + std::string(source) + "]");
        EXPECT_TRUE(has_warning(kept.warnings, WarningKind::UnknownTemplate, 1, "Hugo does not run Liquid")) << source;
    }
    // A string literal prints itself.
    EXPECT_EQ(shape(read("a{{ \"{\" }}b").body), "T[a{b]");
}

TEST(LiquidRead, ExcerptSeparator) {
    const std::string body = "One <!-- more --> two\n\nthree<!-- more -->";
    EXPECT_EQ(shape(read(body, "<!-- more -->").body), "T[One ]MORE[<!-- more -->]T[ two\n\nthree]MORE[<!-- more -->]");
    EXPECT_EQ(shape(read(body, "\n\n").body), "T[" + body + "]");
    EXPECT_EQ(shape(read(body).body), "T[" + body + "]");
    // Only at the top level: a separator in code is code.
    EXPECT_EQ(shape(read("{% highlight x %}<!--more-->{% endhighlight %}", "<!--more-->").body),
              "highlight(='x';){T[<!--more-->]}");
}

TEST(LiquidRead, ControlFlowAndUnknownTagsAreRawWithTheirLine) {
    const ReadResult result = read(
        "intro\n{% if page.x %}\nyes\n{% endif %}\n{% youtube abc %}\n{% assign y = 1 %}{% for i in (1..3) %}{{ i }}"
        "{% endfor %}",
        {}, 10);
    EXPECT_EQ(shape(result.body),
              "T[intro\n]R:jekyll[{% if page.x %}]T[\nyes\n]R:jekyll[{% endif %}]T[\n]R:jekyll[{% youtube abc %}]T[\n]"
              "R:jekyll[{% assign y = 1 %}]R:jekyll[{% for i in (1..3) %}]R:jekyll[{{ i }}]R:jekyll[{% endfor %}]");
    EXPECT_EQ(result.warnings.all().size(), 7u);
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 11, "kept verbatim; Hugo does not run Liquid"));
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 13, "kept verbatim; Hugo does not run Liquid"));
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 14, "unknown Liquid tag `{% youtube abc %}`"));
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnknownTemplate, 15));
    EXPECT_EQ(result.body[3].line, 13);
    EXPECT_EQ(result.body[5].line, 14);
}

TEST(LiquidRead, UnterminatedOpenersAreRawAndTheRestIsIntact) {
    const ReadResult output = read("a {{ x } b\nc");
    EXPECT_EQ(shape(output.body), "T[a ]R:jekyll[{{ x }]T[ b\nc]");
    EXPECT_TRUE(has_warning(output.warnings, WarningKind::MalformedTemplate, 1, "not closed by `}}`"));
    const ReadResult lone = read("x\n{{ y\n{% z");
    EXPECT_EQ(shape(lone.body), "T[x\n]R:jekyll[{{]T[ y\n]R:jekyll[{%]T[ z]");
    EXPECT_TRUE(has_warning(lone.warnings, WarningKind::MalformedTemplate, 2));
    EXPECT_TRUE(has_warning(lone.warnings, WarningKind::MalformedTemplate, 3));
    const ReadResult stray = read("{% endraw %}{% endhighlight %}{%%}");
    EXPECT_EQ(shape(stray.body), "R:jekyll[{% endraw %}]R:jekyll[{% endhighlight %}]R:jekyll[{%%}]");
    EXPECT_EQ(stray.warnings.all().size(), 3u);
}

TEST(LiquidRead, DeepNestingStopsAtLiquidsLimit) {
    std::string body;
    for (int i = 0; i < 150; ++i) body += "{% highlight x %}";
    body += "code";
    for (int i = 0; i < 150; ++i) body += "{% endhighlight %}";
    const ReadResult result = read(body);
    EXPECT_FALSE(result.body.empty());
    EXPECT_FALSE(result.warnings.empty());
}

// --- Random inputs ------------------------------------------------------------

// Text made of pieces that trouble Liquid and this code.
std::string nasty_text(std::mt19937& random, int max_pieces = 24) {
    static const std::vector<std::string> pieces = {
        "{{", "{%", "}}", "%}", "}", "{", "%", "-", "endraw", "raw", " ", "\n", "\"", "'", "\\", "a", "x",
        "\xC3\xA9", "\xE2\x86\x92", "{% raw %}", "{% endraw %}", "{%- endraw -%}", "{%endraw%}", "{{ page.title }}",
        "{% if x %}", "{% endif %}", "{% comment %}", "{% endcomment %}", "{% highlight go %}", "{% endhighlight %}",
        "{% include x.html a=\"1\" %}", "<!--more-->", "{{<", ">}}", "{{ \"", "\" }}", "{% capture postport_inner_1 %}",
        "{% endcapture %}"};
    std::uniform_int_distribution<int> count(0, max_pieces);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::string out;
    for (int n = count(random); n > 0; --n) out += pieces[pick(random)];
    return out;
}

// Top-level nodes cover the body in order, and Raw nodes are its exact bytes.
void expect_covers(const Body& body, std::string_view source) {
    if (source.empty()) return;
    ASSERT_FALSE(body.empty()) << source;
    EXPECT_EQ(body.front().offset, 0u) << source;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const std::size_t end = i + 1 < body.size() ? body[i + 1].offset : source.size();
        ASSERT_LT(body[i].offset, end) << source;
        const std::string_view span = source.substr(body[i].offset, end - body[i].offset);
        const auto newlines = std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(body[i].offset), '\n');
        EXPECT_EQ(body[i].line, 1 + newlines) << source;
        const bool exact = body[i].kind == Kind::Raw || body[i].kind == Kind::SummaryDivider ||
                           (body[i].kind == Kind::Text && span.find("{{") == std::string_view::npos);
        if (exact) {
            EXPECT_EQ(span, body[i].text) << source;
        }
    }
}

TEST(LiquidRead, RandomInputsNeverThrowAndAreCovered) {
    std::mt19937 random(20211002);
    for (int round = 0; round < 200; ++round) {
        const std::string source = nasty_text(random, 40);
        ReadResult result;
        ASSERT_NO_THROW(result = read(source, "<!--more-->")) << source;
        expect_covers(result.body, source);
    }
}

TEST(LiquidWrite, RandomTextIsPrintedExactlyAndReadsBack) {
    std::mt19937 random(27);
    for (int round = 0; round < 200; ++round) {
        const std::string source = nasty_text(random);
        const WriteResult as_text = write({text(source)});
        const ReadResult back = read(as_text.text);
        EXPECT_EQ(printed(back.body), source) << as_text.text;
        EXPECT_TRUE(back.warnings.empty()) << as_text.text << "\n" << all_messages(back.warnings);
        for (const BodyNode& node : back.body)
            EXPECT_TRUE(node.kind == Kind::Text || node.kind == Kind::Literal) << as_text.text;

        const WriteResult as_literal = write({literal(source)});
        EXPECT_EQ(shape(read(as_literal.text).body), shape({literal(source)})) << as_literal.text;
        BodyNode comment = node_of(Kind::Comment, source);
        const WriteResult as_comment = write({comment});
        const ReadResult comment_back = read(as_comment.text);
        EXPECT_EQ(shape(comment_back.body), shape({comment})) << as_comment.text;
        EXPECT_TRUE(comment_back.warnings.empty()) << as_comment.text;
    }
}

// --- Writing ------------------------------------------------------------------

TEST(LiquidWrite, TextIsProtectedInMinimalRawSpans) {
    EXPECT_EQ(write({text("plain } { % text")}).text, "plain } { % text");
    EXPECT_EQ(write({text("```go\n{{ .Title }}\n```")}).text, "```go\n{% raw %}{{ .Title }}{% endraw %}\n```");
    EXPECT_EQ(write({text("a {{ b }}{% c %} d")}).text, "a {% raw %}{{ b }}{% c %}{% endraw %} d");
    // Unmatched openers: just the two characters.
    EXPECT_EQ(write({text("x {{ y")}).text, "x {% raw %}{{{% endraw %} y");
    // `{% endraw %}` cannot be inside raw: it is cut after its `{%`.
    EXPECT_EQ(write({text("use {% raw %} and {% endraw %}.")}).text,
              "use {% raw %}{% raw %}{% endraw %} and {% raw %}{%{% endraw %} endraw %}.");
    EXPECT_EQ(write({literal("{% endraw %}")}).text, "{% raw %}{%{% endraw %}{% raw %} endraw %}{% endraw %}");
}

TEST(LiquidWrite, TokenBoundariesBetweenNodesStayWhereTheyWere) {
    // A `{` before a tag would make `{{%`: it is printed by an output.
    const WriteResult brace = write({text("a{"), call(std::string(call::param), {positional("t")})});
    EXPECT_EQ(brace.text, "a{{ \"{\" }}{{ page.t | default: site.params.t }}");
    EXPECT_EQ(shape(read(brace.text).body), "T[a{]param(='t';)");
    // A `}` after a raw block ending inside an output token would join it.
    const WriteResult closing = write({literal("{{"), text("}x")});
    EXPECT_EQ(closing.text, "{% raw %}{{{% endraw %}{% raw %}{% endraw %}}x");
    EXPECT_EQ(shape(read(closing.text).body), "L[{{]T[}x]");
}

TEST(LiquidWrite, DividerCommentAndRaw) {
    BodyNode divider = node_of(Kind::SummaryDivider, "<!-- more -->");
    BodyNode comment = node_of(Kind::Comment, " note {{ x }} ");
    BodyNode jekyll_raw = node_of(Kind::Raw, "{% if x %}");
    jekyll_raw.origin = "jekyll";
    BodyNode hugo_raw = node_of(Kind::Raw, "{{< broken");
    hugo_raw.origin = "hugo";
    const WriteResult result = write({text("a"), divider, comment, jekyll_raw, hugo_raw});
    EXPECT_EQ(result.text,
              "a<!--more-->{% comment %} note {% raw %}{{ x }}{% endraw %} {% endcomment %}{% if x %}"
              "{% raw %}{{{% endraw %}< broken");
}

TEST(LiquidWrite, HighlightOptions) {
    const Body body = {call("highlight", {positional("go"), positional("linenos=inline, hl_lines=1-3 5")},
                            std::vector<BodyNode>{text("x := {{ y }}\n")})};
    const WriteResult result = write(body);
    EXPECT_EQ(result.text,
              "{% highlight go linenos mark_lines=\"1 2 3 5\" %}x := {% raw %}{{ y }}{% endraw %}\n{% endhighlight %}");
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(shape(read(result.text).body), "highlight(='go';='linenos=table,hl_lines=1 2 3 5';){T[x := ]L[{{ y }}]T[\n]}");

    const WriteResult dropped = write({call("highlight", {positional("go"), positional("linenostart=5,linenos=false")},
                                            std::vector<BodyNode>{})});
    EXPECT_EQ(dropped.text, "{% highlight go %}{% endhighlight %}");
    ASSERT_EQ(dropped.warnings.all().size(), 1u);
    EXPECT_NE(dropped.warnings.all()[0].message.find("linenostart=5"), std::string::npos);
}

TEST(LiquidWrite, IncludeParameters) {
    const Body body = {call("figure",
                            {positional("a.png"), named("alt", "say \"hi\""), named("both", "it's \"x\""),
                             named("width", 300), named("big", true), named("ratio", 1.5), named("bad name", "x"),
                             named("code", "{{ x }}"), named("empty", "")}),
                       call("figure")};
    const WriteResult result = write(body);
    EXPECT_EQ(result.text,
              "{% capture postport_param_1 %}{% raw %}it's \"x\"{% endraw %}{% endcapture %}"
              "{% capture postport_param_2 %}{% raw %}{{ x }}{% endraw %}{% endcapture %}"
              "{% include figure.html _0=\"a.png\" alt='say \"hi\"' both=postport_param_1 width=300 big=true "
              "ratio=1.5 code=postport_param_2 empty=\"\" %}{% include figure.html %}");
    EXPECT_EQ(result.used_templates, std::vector<std::string>{"figure"});
    ASSERT_EQ(result.warnings.all().size(), 1u);
    EXPECT_NE(result.warnings.all()[0].message.find("bad name"), std::string::npos);
    EXPECT_EQ(shape(read(result.text).body),
              "figure(='a.png';alt='say \"hi\"';both='it's \"x\"';width=300;big=true;ratio=float:1.500000;"
              "code='{{ x }}';empty='';)figure()");
}

TEST(LiquidWrite, PairedCallsNest) {
    const Body body = {call("outer", {named("k", "v")},
                            std::vector<BodyNode>{text("A "), call("inner", {}, std::vector<BodyNode>{text("B")}),
                                                  text(" C")})};
    const WriteResult result = write(body);
    EXPECT_EQ(result.text,
              "{% capture postport_inner_1 %}A {% capture postport_inner_2 %}B{% endcapture %}"
              "{% include inner.html inner=postport_inner_2 %} C{% endcapture %}"
              "{% include outer.html k=\"v\" inner=postport_inner_1 %}");
    EXPECT_EQ(result.used_templates, (std::vector<std::string>{"outer", "inner"}));
    EXPECT_EQ(shape(read(result.text).body), shape(body));
}

SiteIndex hugo_to_jekyll_site() {
    SiteIndex site;
    site.add("content/post/x.md", "_posts/post/2021-09-27-x.md");
    site.add("content/post/bundle/index.md", "_posts/post/2021-10-01-bundle.md");
    site.add("content/about.md", "about.md");
    site.add("content/en/y.md", "en/_posts/2022-01-01-y.md");
    site.add("content/a/same.md", "_posts/2020-01-01-same.md");
    site.add("content/b/same.md", "_posts/2020-01-02-same.md");
    return site;
}

TEST(LiquidWrite, HugoLinksResolveThroughTheSite) {
    const SiteIndex site = hugo_to_jekyll_site();
    auto link = [&](const char* name, const char* target) {
        const WriteResult result = write({call(name, {positional(target)})}, &site, "_posts/post/2021-09-27-x.md");
        EXPECT_TRUE(result.warnings.empty()) << target << "\n" << all_messages(result.warnings);
        return result.text;
    };
    EXPECT_EQ(link("relref", "post/x.md"), "{% post_url post/2021-09-27-x %}");
    EXPECT_EQ(link("ref", "/post/x.md#intro"), "{% post_url post/2021-09-27-x %}#intro");
    EXPECT_EQ(link("relref", "post/bundle"), "{% post_url post/2021-10-01-bundle %}");
    EXPECT_EQ(link("relref", "/post/bundle/index.md"), "{% post_url post/2021-10-01-bundle %}");
    EXPECT_EQ(link("relref", "about.md"), "{% link about.md %}");
    EXPECT_EQ(link("relref", "/about"), "{% link about.md %}");
    EXPECT_EQ(link("relref", "bundle"), "{% post_url post/2021-10-01-bundle %}");  // relative to the page
    EXPECT_EQ(link("relref", "../en/y.md"), "{% post_url en/2022-01-01-y %}");
    EXPECT_EQ(link("relref", "y.md"), "{% post_url en/2022-01-01-y %}");  // a unique file name
    EXPECT_EQ(link("relref", "#top"), "#top");
}

TEST(LiquidWrite, UnresolvedHugoLinksArePrintedNotFatal) {
    const SiteIndex site = hugo_to_jekyll_site();
    for (const char* target : {"missing.md", "same.md"}) {
        const WriteResult result = write({call("relref", {positional(target)})}, &site);
        EXPECT_EQ(result.text, "{% raw %}{{< relref " + std::string(target) + " >}}{% endraw %}");
        EXPECT_TRUE(has_warning(result.warnings, WarningKind::UnresolvedLink, 1));
        EXPECT_EQ(result.text.find("post_url"), std::string::npos);
    }
    const WriteResult no_site = write({call("ref", {positional("post/x.md")})});
    EXPECT_EQ(no_site.text, "{% raw %}{{< ref \"post/x.md\" >}}{% endraw %}");
    EXPECT_TRUE(has_warning(no_site.warnings, WarningKind::UnresolvedLink, 1, "without the site"));
}

TEST(LiquidWrite, JekyllLinksAndParams) {
    const WriteResult result =
        write({call("post_url", {positional("sub/2010-07-21-a")}), call("link", {positional("about.md")}),
               call("param", {positional("author.name")}), call("param", {positional("no good")})});
    EXPECT_EQ(result.text,
              "{% post_url sub/2010-07-21-a %}{% link about.md %}{{ page.author.name | default: "
              "site.params.author.name }}{% raw %}{{< param \"no good\" >}}{% endraw %}");
    EXPECT_TRUE(has_warning(result.warnings, WarningKind::MalformedTemplate, 1, "no key"));
}

// --- Round trips --------------------------------------------------------------

// Text the reader gives back as it is: no `{{` or `{%`, but `{`, `}` and `%`
// next to the nodes around it.
std::string safe_text(std::mt19937& random) {
    static const std::vector<std::string> pieces = {"a", " ", "\n", "{", "}", "%", "-", "\"", "'", "\xC3\xA9"};
    std::uniform_int_distribution<int> count(1, 6);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::string out;
    for (int n = count(random); n > 0; --n) out += pieces[pick(random)];
    return out;
}

Value random_value(std::mt19937& random) {
    switch (std::uniform_int_distribution<int>(0, 4)(random)) {
        case 0: return Value(std::int64_t(std::uniform_int_distribution<int>(-500, 500)(random)));
        case 1: return Value(std::uniform_int_distribution<int>(0, 1)(random) == 1);
        case 2: return Value(0.25 * std::uniform_int_distribution<int>(-9, 9)(random));
        default: return Value(nasty_text(random, 6));
    }
}

std::vector<BodyNode> random_nodes(std::mt19937& random, int depth) {
    std::vector<BodyNode> nodes;
    std::uniform_int_distribution<int> kind(0, 8);
    for (int n = std::uniform_int_distribution<int>(0, 6)(random); n > 0; --n) {
        switch (kind(random)) {
            case 0:
            case 1: nodes.push_back(text(safe_text(random))); break;
            case 2:
                if (nodes.empty() || nodes.back().kind != Kind::Literal) nodes.push_back(literal("x" + nasty_text(random)));
                break;
            case 3: nodes.push_back(node_of(Kind::Comment, nasty_text(random))); break;
            case 4:
                if (depth == 0) nodes.push_back(node_of(Kind::SummaryDivider, "<!--more-->"));
                break;
            case 5: nodes.push_back(call("param", {positional("k.x-y")})); break;
            case 6:
                nodes.push_back(call("highlight", {positional("go"), positional("linenos=table,hl_lines=2 3")},
                                     std::vector<BodyNode>{text(safe_text(random))}));
                break;
            default: {
                BodyNode include = call(depth % 2 == 0 ? "box" : "blocks/note");
                for (int p = std::uniform_int_distribution<int>(0, 3)(random); p > 0; --p)
                    include.parameters.push_back(
                        {std::uniform_int_distribution<int>(0, 1)(random) == 0 ? "" : "k" + std::to_string(p),
                         random_value(random)});
                if (depth < 2 && std::uniform_int_distribution<int>(0, 1)(random) == 1)
                    include.inner = random_nodes(random, depth + 1);
                nodes.push_back(std::move(include));
            }
        }
    }
    return nodes;
}

// The nodes the reader gives back: adjacent Text joined. Nil if that text
// would read as Liquid (the generator's pieces met).
std::optional<std::vector<BodyNode>> canonical(std::vector<BodyNode> nodes) {
    std::vector<BodyNode> out;
    for (BodyNode& node : nodes) {
        if (node.inner) {
            auto inner = canonical(std::move(*node.inner));
            if (!inner) return std::nullopt;
            node.inner = std::move(*inner);
        }
        if (node.kind == Kind::Text && !out.empty() && out.back().kind == Kind::Text) {
            out.back().text += node.text;
        } else {
            out.push_back(std::move(node));
        }
    }
    for (const BodyNode& node : out)
        if (node.kind == Kind::Text && (node.text.find("{{") != std::string::npos || node.text.find("{%") != std::string::npos))
            return std::nullopt;
    return out;
}

TEST(LiquidRoundTrip, WriterOutputReadsBackToTheSameNodes) {
    std::mt19937 random(4);
    int checked = 0;
    for (int round = 0; round < 300 && checked < 200; ++round) {
        const auto nodes = canonical(random_nodes(random, 0));
        if (!nodes) continue;
        ++checked;
        const WriteResult written = write(*nodes);
        const ReadResult back = read(written.text, "<!--more-->");
        EXPECT_EQ(shape(back.body), shape(*nodes)) << written.text;
        EXPECT_TRUE(back.warnings.empty()) << written.text << "\n" << all_messages(back.warnings);
    }
    EXPECT_GE(checked, 150);
}

TEST(LiquidRoundTrip, SampleTourPostReadsAndWritesBack) {
    const std::string source = read_bytes(samples_dir() / "jekyll/_posts/2021-10-02-liquid-tour.md");
    const std::string body = source.substr(source.find("\n---\n") + 5);
    const ReadResult result = read(body, "<!--more-->", 9);
    std::string outline;
    for (const BodyNode& node : result.body) {
        if (node.kind == Kind::Call) outline += node.name + " ";
        if (node.kind == Kind::Literal || node.kind == Kind::Comment || node.kind == Kind::Raw ||
            node.kind == Kind::SummaryDivider)
            outline += shape(Body{node}).substr(0, 1) + " ";
    }
    EXPECT_EQ(outline, "M param site highlight L post_url link note C ");
    // Every construct of the tour has a Hugo form.
    EXPECT_TRUE(result.warnings.all().empty());
    const WriteResult written = write(result.body);
    EXPECT_EQ(shape(read(written.text, "<!--more-->").body), shape(result.body));
}

// --- The real Liquid and Jekyll -----------------------------------------------

// Ruby with the liquid gem, or empty.
fs::path liquid_ruby() {
    const fs::path ruby = find_program("ruby");
    if (ruby.empty() || run({ruby.string(), "-e", "require 'liquid'"}).exit_code != 0) return {};
    return ruby;
}

// Renders every NAME.in in `folder` with Liquid (as Jekyll sets it up: warn
// mode, no variables) into NAME.out, or NAME.err with the error and NAME.warn
// with the warnings.
void render_with_liquid(const fs::path& ruby, const fs::path& folder) {
    const std::string script = R"(
require 'liquid'
Dir.glob(File.join(ARGV[0], '*.in')).each do |path|
  source = File.binread(path).force_encoding('UTF-8')
  stem = path.sub(/\.in\z/, '')
  begin
    template = Liquid::Template.parse(source, error_mode: :warn)
    File.binwrite(stem + '.out', template.render!({}))
    File.binwrite(stem + '.warn', template.warnings.map(&:to_s).join("\n")) unless template.warnings.empty?
  rescue => e
    File.binwrite(stem + '.err', "#{e.class}: #{e.message}")
  end
end
)";
    const RunResult result = run({ruby.string(), "-e", script, folder.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
}

struct Rendered {
    std::optional<std::string> output;  // nullopt: Liquid refused the template
    std::string problems;               // its error or warnings
};

Rendered rendered(const fs::path& folder, const std::string& name) {
    Rendered result;
    if (fs::exists(folder / (name + ".err"))) {
        result.problems = read_bytes(folder / (name + ".err"));
        return result;
    }
    result.output = read_bytes(folder / (name + ".out"));
    if (fs::exists(folder / (name + ".warn"))) result.problems = read_bytes(folder / (name + ".warn"));
    return result;
}

TEST(LiquidRuby, ProtectedTextRendersExactlyInLiquid) {
    const fs::path ruby = liquid_ruby();
    if (ruby.empty()) GTEST_SKIP() << "ruby with the liquid gem is not installed";
    TempDir work;
    std::mt19937 random(5);
    std::vector<std::string> sources;
    for (int round = 0; round < 200; ++round) {
        sources.push_back(nasty_text(random));
        const std::string name = std::to_string(round);
        write_bytes(work / (name + "-text.in"), write({text(sources.back())}).text);
        write_bytes(work / (name + "-literal.in"), write({literal(sources.back())}).text);
        write_bytes(work / (name + "-comment.in"), "[" + write({node_of(Kind::Comment, sources.back())}).text + "]");
    }
    render_with_liquid(ruby, work.path());
    for (std::size_t round = 0; round < sources.size(); ++round) {
        for (const char* as : {"-text", "-literal", "-comment"}) {
            const std::string name = std::to_string(round) + as;
            const Rendered result = rendered(work.path(), name);
            const std::string expected = std::string(as) == "-comment" ? "[]" : sources[round];
            EXPECT_EQ(result.output, expected) << read_bytes(work / (name + ".in")) << "\n" << result.problems;
            EXPECT_EQ(result.problems, "") << read_bytes(work / (name + ".in"));
        }
    }
}

// Raw blocks, comments, braces and stray tags in random order: where the
// reader finds nothing Liquid refuses, Liquid prints the Text and Literal
// nodes; where it finds something, Liquid refuses the template.
TEST(LiquidRuby, ReaderAgreesWithLiquidOnRawBlocksAndComments) {
    const fs::path ruby = liquid_ruby();
    if (ruby.empty()) GTEST_SKIP() << "ruby with the liquid gem is not installed";
    static const std::vector<std::string> pieces = {
        "{% raw %}", "{%raw%}", "{% endraw %}", "{%endraw%}", "{%- endraw -%}", "{% endraw", "{% comment %}",
        "{% endcomment %}", "{%", "%}", "{", "}", "%", "endraw", "a", " ", "\n", "{{ \"q\" }}", "{{"};
    std::mt19937 random(6);
    std::uniform_int_distribution<int> count(0, 8);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    TempDir work;
    std::vector<std::string> sources;
    for (int round = 0; round < 400; ++round) {
        std::string source;
        for (int n = count(random); n > 0; --n) source += pieces[pick(random)];
        sources.push_back(source);
        write_bytes(work / (std::to_string(round) + ".in"), source);
    }
    render_with_liquid(ruby, work.path());
    int compared = 0;
    int refusals = 0;
    for (std::size_t round = 0; round < sources.size(); ++round) {
        const ReadResult read_back = read(sources[round]);
        bool refused = false;
        bool unknown = false;
        for (const Warning& warning : read_back.warnings.all()) {
            refused = refused || warning.kind == WarningKind::MalformedTemplate;
            unknown = unknown || warning.kind == WarningKind::UnknownTemplate;
        }
        const Rendered result = rendered(work.path(), std::to_string(round));
        if (refused) {
            EXPECT_FALSE(result.output) << sources[round] << "\n" << shape(read_back.body);
            ++refusals;
        } else if (!unknown) {
            std::string printed_by_nodes;
            for (const BodyNode& node : read_back.body)
                if (node.kind == Kind::Text || node.kind == Kind::Literal) printed_by_nodes += node.text;
            EXPECT_EQ(result.output, printed_by_nodes) << sources[round] << "\n" << result.problems;
            ++compared;
        }
    }
    EXPECT_GE(compared, 80);
    EXPECT_GE(refusals, 100);
}

TEST(LiquidJekyll, RealJekyllBuildsTheWrittenBodyWithoutWarnings) {
    const fs::path jekyll = find_program("jekyll");
    const fs::path env = find_program("env");
    if (jekyll.empty() || env.empty()) GTEST_SKIP() << "jekyll is not installed (scripts/setup installs it)";
    TempDir work;
    const fs::path site = work / "site";
    write_bytes(site / "_config.yml", "quiet: false\nparams:\n  flavor: vanilla\n");
    write_bytes(site / "_layouts/default.html", "<main>{{ content }}</main>\n");
    write_bytes(site / "_includes/x.html", "{{ include.a }}|{{ include._0 }}|{{ include.inner }}");
    write_bytes(site / "_includes/y.html", "<q>{{ include.q }}</q>");
    const Body body = {
        text("Intro.\n\n```go\nfmt.Println(\"{{ .Title }}\")\n```\n\nWrap Liquid in {% raw %} and {% endraw %} to show it.\n\n`"),
        literal("{{< figure src=\"a.png\" >}}"),
        text("`\n\n"),
        call("highlight", {positional("ruby"), positional("linenos=table")},
             std::vector<BodyNode>{text("puts \"{{ shown }}\"\n")}),
        text("\n\n"),
        call("x", {positional("P0"), named("a", "A & B")},
             std::vector<BodyNode>{text("inner *text* "), call("y", {named("q", "50%} {{ y }} {% endraw %}")})}),
        text("\n\nColour: {"),
        call("param", {positional("colour")}),
        text("; flavour: "),
        call("param", {positional("flavor")}),
        text(".\n"),
    };
    const WriteResult written = write(body);
    EXPECT_TRUE(written.warnings.empty()) << all_messages(written.warnings);
    write_bytes(site / "_posts/2021-01-01-test.md",
                "---\nlayout: default\ntitle: Test\ncolour: teal\n---\n" + written.text);
    const RunResult built = run({env.string(), "LANG=C.UTF-8", "TZ=UTC", jekyll.string(), "build", "--source",
                                 site.string(), "--destination", (work / "out").string()});
    const std::string log = built.out + built.err;
    ASSERT_EQ(built.exit_code, 0) << log << "\n" << written.text;
    EXPECT_EQ(log.find("Liquid Warning"), std::string::npos) << log;
    EXPECT_EQ(log.find("Error"), std::string::npos) << log;
    const std::string html = read_bytes(work / "out/2021/01/01/test.html");
    // The include's `a|_0|inner` line is a table to kramdown (GFM tables need
    // no header separator there), so its cells are what to look for.
    for (const char* expected :
         {"\"{{ .Title }}\"", "Wrap Liquid in {% raw %} and {% endraw %} to show it.",
          "<code class=\"language-plaintext highlighter-rouge\">{{&lt; figure src=\"a.png\" &gt;}}</code>",
          "rouge-table", "\"{{ shown }}\"", "<td>A &amp; B</td>", "<td>P0</td>", "<td>inner <em>text</em> <q>50%} {{ y }} {% endraw %}</q></td>",
          "Colour: {teal; flavour: vanilla."})
        EXPECT_NE(html.find(expected), std::string::npos) << expected << "\n" << html;
}

}  // namespace
