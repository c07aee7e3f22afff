// Hugo bodies: the shortcode lexer (platforms.md section 2), and the writer
// that spells a Body so Hugo reads it back.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "converters/hugo/shortcodes.h"

using namespace postport;

namespace {

using Kind = BodyNode::Kind;

constexpr const char* test_path = "content/post/x.md";

struct ReadResult {
    Body body;
    Warnings warnings;
};

ReadResult read(std::string_view text, int first_line = 1) {
    BodyContext context;
    context.display_path = test_path;
    context.first_line = first_line;
    ReadResult result;
    result.body = read_hugo_body(text, context, result.warnings);
    return result;
}

struct WriteResult {
    std::string text;
    Warnings warnings;
    std::vector<std::string> used_templates;
};

WriteResult write(const Body& body, const SiteIndex* site = nullptr) {
    BodyContext context;
    context.display_path = test_path;
    context.site = site;
    WriteResult result;
    result.text = write_hugo_body(body, context, result.warnings);
    result.used_templates = context.used_templates;
    return result;
}

std::string round_trip(std::string_view text) { return write(read(text).body).text; }

// The one node of a body that must have exactly one (a copy: callers pass
// temporaries).
BodyNode only(const Body& body) {
    EXPECT_EQ(body.size(), 1u);
    return body.empty() ? BodyNode{} : body.front();
}

BodyNode text_node(std::string text, Kind kind = Kind::Text) {
    BodyNode node;
    node.kind = kind;
    node.text = std::move(text);
    return node;
}

BodyNode call_node(std::string name, std::vector<CallParameter> parameters = {},
                   std::optional<std::vector<BodyNode>> inner = std::nullopt) {
    BodyNode node;
    node.kind = Kind::Call;
    node.name = std::move(name);
    node.parameters = std::move(parameters);
    node.inner = std::move(inner);
    return node;
}

CallParameter positional(Value value) { return CallParameter{"", std::move(value)}; }
CallParameter named(std::string name, Value value) {
    return CallParameter{std::move(name), std::move(value)};
}

// The call of a one-call body read without warnings.
BodyNode only_call(const ReadResult& result) {
    BodyNode node = only(result.body);
    EXPECT_EQ(node.kind, Kind::Call);
    EXPECT_TRUE(result.warnings.empty());
    return node;
}

// Structure without positions, to compare bodies read from different texts.
std::string describe(const Body& body);

std::string describe_value(const Value& value) {
    switch (value.type()) {
        case ValueType::Bool: return value.as_bool() ? "true" : "false";
        case ValueType::Integer: return "int:" + std::to_string(value.as_integer());
        case ValueType::Float: return "float:" + std::to_string(value.as_float());
        case ValueType::String: return "str:" + value.as_string();
        default: return "other";
    }
}

std::string describe(const BodyNode& node) {
    switch (node.kind) {
        case Kind::Text: return "T[" + node.text + "]";
        case Kind::Literal: return "L[" + node.text + "]";
        case Kind::SummaryDivider: return "MORE";
        case Kind::Comment: return "C[" + node.text + "]";
        case Kind::Raw: return "R[" + node.text + "]";
        case Kind::Call: {
            std::string out = std::string(node.markdown ? "%" : "<") + node.name + "(";
            for (const auto& parameter : node.parameters)
                out += parameter.name + "=" + describe_value(parameter.value) + ";";
            out += ")";
            if (node.inner) out += "{" + describe(*node.inner) + "}";
            return out;
        }
    }
    return "?";
}

std::string describe(const Body& body) {
    std::string out;
    for (const auto& node : body) out += describe(node);
    return out;
}

void expect_one_warning(const Warnings& warnings, int line, std::string_view says) {
    ASSERT_EQ(warnings.all().size(), 1u);
    const Warning& warning = warnings.all().front();
    EXPECT_EQ(warning.kind, WarningKind::MalformedTemplate);
    EXPECT_EQ(warning.where.path, test_path);
    EXPECT_EQ(warning.where.line, line);
    EXPECT_NE(warning.message.find(says), std::string::npos) << warning.message;
}

}  // namespace

// --- Grammar: delimiters, names, closing tags ---------------------------------

TEST(HugoShortcodeRead, PlainDelimitersMakeASingleCall) {
    const auto result = read("{{< youtube w7Ft2ymGmfc >}}");
    const BodyNode call = only_call(result);
    EXPECT_EQ(call.name, "youtube");
    EXPECT_FALSE(call.markdown);
    EXPECT_FALSE(call.inner.has_value());
    ASSERT_EQ(call.parameters.size(), 1u);
    EXPECT_EQ(call.parameters[0], positional("w7Ft2ymGmfc"));
}

TEST(HugoShortcodeRead, MarkdownDelimitersSetMarkdown) {
    const BodyNode call = only_call(read("{{% note %}}"));
    EXPECT_EQ(call.name, "note");
    EXPECT_TRUE(call.markdown);
}

TEST(HugoShortcodeRead, WhitespaceInsideIsOptional) {
    EXPECT_EQ(only_call(read("{{<x>}}")).name, "x");
    EXPECT_EQ(only_call(read("{{%x%}}")).name, "x");
    EXPECT_EQ(only_call(read("{{<   x \t  >}}")).name, "x");
}

TEST(HugoShortcodeRead, ActionsMaySpanLines) {
    const auto result = read("{{< figure\n  src=\"a.png\"\n  alt=\"A\"\n>}}\nafter");
    ASSERT_EQ(result.body.size(), 2u);
    const BodyNode& call = result.body[0];
    EXPECT_EQ(call.name, "figure");
    EXPECT_EQ(call.parameters, (std::vector{named("src", "a.png"), named("alt", "A")}));
    EXPECT_EQ(result.body[1].text, "\nafter");
    EXPECT_EQ(result.body[1].line, 4);
}

TEST(HugoShortcodeRead, ClosingTagPairsTheCall) {
    const BodyNode call = only_call(read("{{< box >}}inner *text*{{< /box >}}"));
    ASSERT_TRUE(call.inner.has_value());
    ASSERT_EQ(call.inner->size(), 1u);
    EXPECT_EQ(call.inner->front().kind, Kind::Text);
    EXPECT_EQ(call.inner->front().text, "inner *text*");
    EXPECT_EQ(call.inner->front().offset, 11u);
}

TEST(HugoShortcodeRead, ClosingTagMayHaveASpaceAfterTheSlash) {
    const BodyNode call = only_call(read("{{< box >}}x{{< / box >}}"));
    ASSERT_TRUE(call.inner.has_value());
    EXPECT_EQ(describe(*call.inner), "T[x]");
}

TEST(HugoShortcodeRead, SelfClosingTagHasAnEmptyInner) {
    const BodyNode call = only_call(read("{{< box a />}}"));
    ASSERT_TRUE(call.inner.has_value());
    EXPECT_TRUE(call.inner->empty());
    EXPECT_EQ(call.parameters, std::vector{positional("a")});
    EXPECT_TRUE(only_call(read("{{< box />}}")).inner.has_value());
}

TEST(HugoShortcodeRead, NamesStartWithLetterDigitOrUnderscore) {
    EXPECT_EQ(only_call(read("{{< 2col >}}")).name, "2col");
    EXPECT_EQ(only_call(read("{{< _private >}}")).name, "_private");
    EXPECT_EQ(only_call(read("{{< blocks/my-box_2 >}}")).name, "blocks/my-box_2");
    EXPECT_EQ(only_call(read("{{< café >}}")).name, "café");
}

TEST(HugoShortcodeRead, InlineShortcodeName) {
    const BodyNode call = only_call(read("{{< time.inline >}}{{ now }}{{< /time.inline >}}"));
    EXPECT_EQ(call.name, "time.inline");
    ASSERT_TRUE(call.inner.has_value());
    EXPECT_EQ(describe(*call.inner), "T[{{ now }}]");
}

// --- Grammar: parameters --------------------------------------------------------

TEST(HugoShortcodeRead, BarePositionalValues) {
    const BodyNode call = only_call(read("{{< x abc b-c_d e.f ünï >}}"));
    EXPECT_EQ(call.parameters,
              (std::vector{positional("abc"), positional("b-c_d"), positional("e.f"), positional("ünï")}));
}

TEST(HugoShortcodeRead, NamedValuesWithSpacesAroundTheEqualsSign) {
    const BodyNode call = only_call(read("{{< x a=\"1\" b = \"2\" c= \"3\" d =\"4\" >}}"));
    EXPECT_EQ(call.parameters,
              (std::vector{named("a", "1"), named("b", "2"), named("c", "3"), named("d", "4")}));
}

TEST(HugoShortcodeRead, QuotedPositionalValues) {
    const BodyNode call = only_call(read("{{< x \"a b\" \"\" \"{{< y >}}\" >}}"));
    EXPECT_EQ(call.parameters, (std::vector{positional("a b"), positional(""), positional("{{< y >}}")}));
}

TEST(HugoShortcodeRead, EscapedQuotesInQuotedValues) {
    EXPECT_EQ(only_call(read(R"({{< x "say \"hi\"" >}})")).parameters, std::vector{positional("say \"hi\"")});
    // A value without an escaped quote keeps its backslashes; one with an
    // escaped quote loses all of them, as in Hugo.
    EXPECT_EQ(only_call(read(R"({{< x "C:\dir" >}})")).parameters, std::vector{positional("C:\\dir")});
    EXPECT_EQ(only_call(read(R"({{< x k="a\b \"c\"" >}})")).parameters, std::vector{named("k", "ab \"c\"")});
}

TEST(HugoShortcodeRead, RawStringsSpanLinesWithoutEscapes) {
    const BodyNode positional_call = only_call(read("{{< x `line \"1\"\\n\nline 2` >}}"));
    EXPECT_EQ(positional_call.parameters, std::vector{positional("line \"1\"\\n\nline 2")});
    const BodyNode named_call = only_call(read("{{< x k=`a\nb` >}}"));
    EXPECT_EQ(named_call.parameters, std::vector{named("k", "a\nb")});
}

TEST(HugoShortcodeRead, BareNamedValueRunsToWhitespaceOrTheClosingDelimiter) {
    const BodyNode call = only_call(read("{{< x url=https://x.com/a?b=1&c=\"d\" n=2>}}"));
    EXPECT_EQ(call.parameters, (std::vector{named("url", "https://x.com/a?b=1&c=\"d\""), named("n", 2)}));
}

TEST(HugoShortcodeRead, BareValuesAreTyped) {
    const BodyNode call = only_call(
        read("{{< x n=2 s=\"2\" f=3.5 g=-.5 b=true t=\"true\" big=99999999999999999999 d=1. p=+7 >}}"));
    ASSERT_EQ(call.parameters.size(), 9u);
    EXPECT_EQ(call.parameters[0].value, Value(std::int64_t{2}));
    EXPECT_EQ(call.parameters[1].value, Value("2"));
    EXPECT_EQ(call.parameters[2].value, Value(3.5));
    EXPECT_EQ(call.parameters[3].value, Value(-0.5));
    EXPECT_EQ(call.parameters[4].value, Value(true));
    EXPECT_EQ(call.parameters[5].value, Value("true"));
    // Out of int64 range: Hugo's strconv fails and the text stays a string.
    EXPECT_EQ(call.parameters[6].value, Value("99999999999999999999"));
    // `1.` is not Hugo's float form.
    EXPECT_EQ(call.parameters[7].value, Value("1."));
    EXPECT_EQ(call.parameters[8].value, Value(std::int64_t{7}));
}

TEST(HugoShortcodeRead, PositionalValuesAreTypedToo) {
    const BodyNode call = only_call(read("{{< x 2 -7 3.5 false `12` >}}"));
    EXPECT_EQ(call.parameters, (std::vector{positional(2), positional(-7), positional(3.5), positional(false),
                                            positional("12")}));
}

// --- Grammar: nesting, escapes, the divider, code ---------------------------------

TEST(HugoShortcodeRead, NestedShortcodes) {
    const BodyNode details =
        only_call(read("{{< details summary=\"x\" >}}{{% note %}}**hi**{{% /note %}}{{< /details >}}"));
    EXPECT_EQ(details.name, "details");
    EXPECT_EQ(details.parameters, std::vector{named("summary", "x")});
    ASSERT_TRUE(details.inner.has_value());
    ASSERT_EQ(details.inner->size(), 1u);
    const BodyNode& note = details.inner->front();
    EXPECT_EQ(note.name, "note");
    EXPECT_TRUE(note.markdown);
    EXPECT_EQ(note.offset, 27u);
    ASSERT_TRUE(note.inner.has_value());
    EXPECT_EQ(describe(*note.inner), "T[**hi**]");
}

TEST(HugoShortcodeRead, UnclosedCallsInsideAPairAreSingle) {
    const auto result = read("{{< a >}}{{< b >}}x{{< /a >}}");
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(describe(result.body), "<a(){<b()T[x]}");
}

TEST(HugoShortcodeRead, ClosingTagClosesTheNearestOpenCallOfItsName) {
    EXPECT_EQ(describe(read("{{< a >}}{{< a >}}x{{< /a >}}").body), "<a()<a(){T[x]}");
    EXPECT_EQ(describe(read("{{< a >}}{{< b >}}{{< a >}}x{{< /b >}}y{{< /a >}}").body),
              "<a(){<b(){<a()T[x]}T[y]}");
}

TEST(HugoShortcodeRead, CallWithoutClosingTagIsSingle) {
    EXPECT_EQ(describe(read("{{< a >}} rest").body), "<a()T[ rest]");
}

TEST(HugoShortcodeRead, EscapedShortcodeIsALiteral) {
    const auto result = read("Use {{</* figure src=\"x\" */>}} or {{%/* note */%}}.");
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(describe(result.body), "T[Use ]L[{{< figure src=\"x\" >}}]T[ or ]L[{{% note %}}]T[.]");
    EXPECT_EQ(result.body[1].offset, 4u);
}

TEST(HugoShortcodeRead, EscapedClosingTagAndMultilineEscape) {
    EXPECT_EQ(describe(read("{{</* /x */>}}").body), "L[{{< /x >}}]");
    EXPECT_EQ(describe(read("{{</* x\na=\"b\" */>}}").body), "L[{{< x\na=\"b\" >}}]");
}

TEST(HugoShortcodeRead, MarkersMustTouchTheDelimiters) {
    // `{{< /* x */ >}}` is a closing tag with a bad name, not an escape.
    const auto result = read("{{< /* x */ >}}");
    EXPECT_EQ(only(result.body).kind, Kind::Raw);
    EXPECT_EQ(result.warnings.all().size(), 1u);
}

TEST(HugoBodyRead, SummaryDividerInlineMidParagraph) {
    const auto result = read("First part<!--more--> and the rest.\n");
    EXPECT_EQ(describe(result.body), "T[First part]MORET[ and the rest.\n]");
    EXPECT_EQ(result.body[1].text, "<!--more-->");
    EXPECT_EQ(result.body[1].offset, 10u);
}

TEST(HugoBodyRead, OnlyTheFirstExactDividerCounts) {
    EXPECT_EQ(describe(read("a<!-- more -->b<!--MORE-->c").body), "T[a<!-- more -->b<!--MORE-->c]");
    EXPECT_EQ(describe(read("a<!--more-->b<!--more-->c").body), "T[a]MORET[b<!--more-->c]");
    // Inside a tag or an escape it is not the divider.
    EXPECT_EQ(describe(read("{{< x \"<!--more-->\" >}}<!--more-->").body), "<x(=str:<!--more-->;)MORE");
}

TEST(HugoBodyRead, GoTemplatesInCodeStayText) {
    const std::string body = "```go-html-template\n<h1>{{ .Title }}</h1>\n{{ if .Draft }}x{{ end }}\n```\n";
    const auto result = read(body);
    EXPECT_TRUE(result.warnings.empty());
    EXPECT_EQ(describe(result.body), "T[" + body + "]");
}

TEST(HugoBodyRead, ShortcodesRunInsideCodeBlocks) {
    const auto result = read("```\n{{< x >}}\n```\n`{{% y %}}`");
    EXPECT_EQ(describe(result.body), "T[```\n]<x()T[\n```\n`]%y()T[`]");
}

TEST(HugoBodyRead, OffsetsAndLinesFollowTheFile) {
    const auto result = read("a\nb {{< x >}}\n\n{{< y >}}", 7);
    ASSERT_EQ(result.body.size(), 4u);
    EXPECT_EQ(result.body[1].offset, 4u);
    EXPECT_EQ(result.body[1].line, 8);
    EXPECT_EQ(result.body[3].offset, 15u);
    EXPECT_EQ(result.body[3].line, 10);
}

TEST(HugoBodyRead, EmptyBody) {
    const auto result = read("");
    EXPECT_TRUE(result.body.empty());
    EXPECT_TRUE(result.warnings.empty());
}

TEST(HugoBodyRead, LoneBracesAreText) {
    EXPECT_EQ(describe(read("{{ x }} }} {{ {< >}} %}} {{{").body), "T[{{ x }} }} {{ {< >}} %}} {{{]");
}

// --- The seed post and highlight ----------------------------------------------

TEST(HugoShortcodeRead, SeedPostIframe) {
    const auto result = read(
        "\n{{<iframe id=\"large-banner\" src=\"https://www.bounty.group/#slide=11.0\" width=\"100%\" "
        "height=\"600\" scrolling=\"no\" style=\"border: 0px solid rgb(216, 221, 230); border-radius: "
        "3px;\">}}\n\nSHANGHAI (Reuters)");
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.body.size(), 3u);
    const BodyNode& call = result.body[1];
    EXPECT_EQ(call.kind, Kind::Call);
    EXPECT_EQ(call.name, "iframe");
    EXPECT_EQ(call.line, 2);
    EXPECT_FALSE(call.inner.has_value());
    EXPECT_EQ(call.parameters,
              (std::vector{named("id", "large-banner"), named("src", "https://www.bounty.group/#slide=11.0"),
                           named("width", "100%"), named("height", "600"), named("scrolling", "no"),
                           named("style", "border: 0px solid rgb(216, 221, 230); border-radius: 3px;")}));
    EXPECT_EQ(result.body[2].text, "\n\nSHANGHAI (Reuters)");
}

TEST(HugoShortcodeRead, HighlightWithOptions) {
    const std::string text =
        "{{< highlight go \"linenos=table,hl_lines=1 2\" >}}\nfunc main() {}\n{{< /highlight >}}";
    const BodyNode call = only_call(read(text));
    EXPECT_EQ(call.name, "highlight");
    EXPECT_EQ(call.parameters, (std::vector{positional("go"), positional("linenos=table,hl_lines=1 2")}));
    ASSERT_TRUE(call.inner.has_value());
    EXPECT_EQ(describe(*call.inner), "T[\nfunc main() {}\n]");
    EXPECT_EQ(round_trip(text), text);
}

// --- Bad input: Raw and a warning, never a crash, nothing dropped ---------------

TEST(HugoShortcodeRead, UnclosedShortcodeKeepsOnlyItsOpenerRaw) {
    const auto result = read("intro\n{{< x a=\"b\"\nmore text, still\n{{< y >}}");
    EXPECT_EQ(describe(result.body), "T[intro\n]R[{{<]T[ x a=\"b\"\nmore text, still\n]<y()");
    EXPECT_EQ(result.body[1].origin, "hugo");
    expect_one_warning(result.warnings, 2, "unclosed");
}

TEST(HugoShortcodeRead, UnclosedAtTheEndOfTheBody) {
    const auto result = read("a\n\n{{% x");
    EXPECT_EQ(describe(result.body), "T[a\n\n]R[{{%]T[ x]");
    expect_one_warning(result.warnings, 3, "unclosed");
}

TEST(HugoShortcodeRead, ClosingTagWithoutOpeningTag) {
    const auto result = read("a\n{{< /x >}}\n{{< y >}}b{{< /y >}}");
    EXPECT_EQ(describe(result.body), "T[a\n]R[{{< /x >}}]T[\n]<y(){T[b]}");
    expect_one_warning(result.warnings, 2, "no opening tag");
}

TEST(HugoShortcodeRead, MixedNamedAndPositionalParameters) {
    const auto result = read("x\n\n{{< fig a.png alt=\"A >}}\" >}} after");
    EXPECT_EQ(describe(result.body), "T[x\n\n]R[{{< fig a.png alt=\"A >}}\" >}}]T[ after]");
    expect_one_warning(result.warnings, 3, "mixes named and positional");
}

TEST(HugoShortcodeRead, MismatchedDelimiters) {
    const auto result = read("{{< x %}} then {{% y >}} then {{< z >}}");
    EXPECT_EQ(describe(result.body), "R[{{< x %}}]T[ then ]R[{{% y >}}]T[ then ]<z()");
    ASSERT_EQ(result.warnings.all().size(), 2u);
    EXPECT_NE(result.warnings.all()[0].message.find("must match"), std::string::npos);
}

TEST(HugoShortcodeRead, LineBreakInAQuotedValue) {
    const auto result = read("a\n{{< x k=\"one\ntwo\" >}}b");
    EXPECT_EQ(describe(result.body), "T[a\n]R[{{< x k=\"one\ntwo\" >}}]T[b]");
    expect_one_warning(result.warnings, 2, "line break");
}

TEST(HugoShortcodeRead, BadNames) {
    for (std::string_view bad : {"{{< -x >}}", "{{< x.y >}}", "{{< x/>}}", "{{< @x >}}"}) {
        const auto result = read(std::string("a ") + std::string(bad) + " b");
        EXPECT_EQ(describe(result.body), "T[a ]R[" + std::string(bad) + "]T[ b]") << bad;
        expect_one_warning(result.warnings, 1, "name");
    }
}

TEST(HugoShortcodeRead, MissingName) {
    const auto result = read("{{< >}}");
    EXPECT_EQ(describe(result.body), "R[{{< >}}]");
    expect_one_warning(result.warnings, 1, "no name");
}

TEST(HugoShortcodeRead, UnclosedEscape) {
    const auto result = read("{{</* x >}} y");
    EXPECT_EQ(describe(result.body), "R[{{<]T[/* x >}} y]");
    expect_one_warning(result.warnings, 1, "*/>}}");
}

TEST(HugoShortcodeRead, UnclosedRawString) {
    const auto result = read("{{< x `abc >}} y");
    EXPECT_EQ(describe(result.body), "R[{{<]T[ x `abc >}} y]");
    expect_one_warning(result.warnings, 1, "raw string");
}

TEST(HugoShortcodeRead, ClosingTagWithParameters) {
    const auto result = read("{{< x >}}{{< /x a >}}");
    EXPECT_EQ(describe(result.body), "<x()R[{{< /x a >}}]");
    expect_one_warning(result.warnings, 1, "takes no parameters");
}

TEST(HugoShortcodeRead, UnquotedValueWithOtherCharacters) {
    const auto result = read("{{< x http://a >}}");
    EXPECT_EQ(describe(result.body), "R[{{< x http://a >}}]");
    expect_one_warning(result.warnings, 1, "must be quoted");
}

TEST(HugoShortcodeRead, NamedParameterWithoutValue) {
    const auto result = read("{{< x k= >}}");
    EXPECT_EQ(describe(result.body), "R[{{< x k= >}}]");
    expect_one_warning(result.warnings, 1, "no value");
}

// --- Properties over generated bodies -----------------------------------------

namespace {

std::string generated_body(std::mt19937& random) {
    static const std::vector<std::string> pieces = {"text ",
                                                    "\n",
                                                    "{{",
                                                    "}}",
                                                    "{{<",
                                                    "{{%",
                                                    ">}}",
                                                    "%}}",
                                                    "`",
                                                    "\"",
                                                    "\\",
                                                    "=",
                                                    "/",
                                                    " ",
                                                    "\t",
                                                    "\r\n",
                                                    "é",
                                                    "日本語",
                                                    "😀",
                                                    "/*",
                                                    "*/",
                                                    "<!--more-->",
                                                    "<!--",
                                                    "-->",
                                                    "{{ .Title }}",
                                                    "{{< x >}}",
                                                    "{{< x a=\"b\" >}}",
                                                    "{{< /x >}}",
                                                    "{{% y %}}",
                                                    "{{% /y %}}",
                                                    "{{</* z */>}}",
                                                    "{{%/* z */%}}",
                                                    "{{< x",
                                                    " a=1",
                                                    " \"q\"",
                                                    " k=`raw\nline`",
                                                    "{{< x />}}",
                                                    "{{< a 1 b=2 >}}",
                                                    "{{< -bad >}}",
                                                    "```\n",
                                                    "{{< x \"a\nb\" >}}",
                                                    "{{< x %}}",
                                                    "{{< n.inline >}}",
                                                    "{{< /n.inline >}}"};
    std::uniform_int_distribution<std::size_t> count(0, 25);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::string body;
    for (std::size_t n = count(random); n > 0; --n) body += pieces[pick(random)];
    return body;
}

int line_of(std::string_view text, std::size_t offset) {
    int line = 1;
    for (std::size_t i = 0; i < offset; ++i)
        if (text[i] == '\n') ++line;
    return line;
}

// The bytes a node was read from, where the node alone tells (not for calls,
// whose tags are not kept).
std::optional<std::string> own_source(const BodyNode& node) {
    switch (node.kind) {
        case Kind::Text:
        case Kind::Raw: return node.text;
        case Kind::SummaryDivider: return std::string("<!--more-->");
        case Kind::Literal:
            if (node.text.size() < 6) return std::string("?");
            return node.text.substr(0, 3) + "/*" + node.text.substr(3, node.text.size() - 6) + "*/" +
                   node.text.substr(node.text.size() - 3);
        case Kind::Call:
        case Kind::Comment: break;
    }
    return std::nullopt;
}

void expect_closing_tag(std::string_view rest, const BodyNode& call) {
    EXPECT_TRUE(rest.starts_with("{{<") || rest.starts_with("{{%")) << rest;
    EXPECT_TRUE(rest.ends_with(">}}") || rest.ends_with("%}}")) << rest;
    EXPECT_NE(rest.find('/'), std::string_view::npos) << rest;
    EXPECT_NE(rest.find(call.name), std::string_view::npos) << rest;
}

// Every node lies in [begin, end), after the previous one, on its line. A
// node's span (up to the next node) is its own source exactly, except that
// the last node of a paired call's inner is followed by the closing tag.
void check_spans(std::string_view input, const std::vector<BodyNode>& nodes, std::size_t begin,
                 std::size_t end, const BodyNode* parent) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const BodyNode& node = nodes[i];
        const bool last = i + 1 == nodes.size();
        const std::size_t next = last ? end : nodes[i + 1].offset;
        ASSERT_GE(node.offset, begin);
        ASSERT_LT(node.offset, next);
        ASSERT_LE(next, end);
        EXPECT_EQ(node.line, line_of(input, node.offset));
        const std::string_view span = input.substr(node.offset, next - node.offset);
        EXPECT_NE(node.kind, Kind::Comment) << "the Hugo reader makes no comments";
        if (auto source = own_source(node)) {
            if (!last || parent == nullptr) {
                EXPECT_EQ(span, *source);
            } else {
                EXPECT_TRUE(span.starts_with(*source)) << span;
                expect_closing_tag(span.substr(std::min(source->size(), span.size())), *parent);
            }
        } else if (node.kind == Kind::Call) {
            EXPECT_TRUE(span.starts_with("{{<") || span.starts_with("{{%")) << span;
            if (node.inner) check_spans(input, *node.inner, node.offset + 1, next, &node);
        }
    }
}

}  // namespace

TEST(HugoBodyRead, GeneratedBodiesKeepEveryByteInOrder) {
    std::mt19937 random(20240917);
    for (int round = 0; round < 200; ++round) {
        const std::string input = generated_body(random);
        SCOPED_TRACE(input);
        ReadResult result;
        ASSERT_NO_THROW(result = read(input));
        if (input.empty()) {
            EXPECT_TRUE(result.body.empty());
            continue;
        }
        ASSERT_FALSE(result.body.empty());
        EXPECT_EQ(result.body.front().offset, 0u);
        check_spans(input, result.body, 0, input.size(), nullptr);
        // Spans from consecutive offsets put the input back together.
        std::string joined;
        for (std::size_t i = 0; i < result.body.size(); ++i) {
            const std::size_t next = i + 1 < result.body.size() ? result.body[i + 1].offset : input.size();
            joined += input.substr(result.body[i].offset, next - result.body[i].offset);
        }
        EXPECT_EQ(joined, input);
        for (const Warning& warning : result.warnings.all())
            EXPECT_EQ(warning.kind, WarningKind::MalformedTemplate);
    }
}

// Whatever was read, writing it gives a body that reads back as the same
// nodes and is written back unchanged.
TEST(HugoBodyRead, GeneratedBodiesWrittenOnceAreCanonical) {
    std::mt19937 random(7);
    for (int round = 0; round < 200; ++round) {
        const std::string input = generated_body(random);
        SCOPED_TRACE(input);
        const ReadResult first = read(input);
        const auto once = write(first.body);
        EXPECT_TRUE(once.warnings.empty());
        EXPECT_EQ(describe(read(once.text).body), describe(first.body));
        EXPECT_EQ(round_trip(once.text), once.text);
    }
}

// --- Writing: canonical round trip -------------------------------------------------

TEST(HugoBodyWrite, CanonicalInputRoundTripsByteForByte) {
    const std::vector<std::string> inputs = {
        "",
        "Plain text with {{ .Title }} and }} and {{ and `code`.\n",
        "{{< youtube w7Ft2ymGmfc >}}",
        "a {{< x >}} b\n",
        "{{% note %}}",
        "{{< figure src=\"a.png\" alt=\"An \\\"A\\\"\" >}}",
        "{{< x a b-c d.e >}}",
        "{{< x \"a b\" \"true\" \"12\" \"1.5\" \"\" >}}",
        "{{< x n=2 f=3.5 g=-0.5 b=true c=false i=-7 >}}",
        "{{< x k=\"2\" >}}",
        "{{< x `line 1\nline \"2\"` >}}",
        "{{< box >}}inner{{< /box >}}",
        "{{% box %}}**inner**{{% /box %}}",
        "{{< box >}}{{< /box >}}",
        "{{< details summary=\"x\" >}}{{% note %}}**hi**{{% /note %}}{{< /details >}}",
        "{{< a >}}{{< b >}}x{{< /a >}}",
        "{{< a >}} never closed",
        "{{< highlight go \"linenos=table,hl_lines=1 2\" >}}\nfunc main() {}\n{{< /highlight >}}",
        "{{< highlight go >}}x{{< /highlight >}}",
        "{{< ref \"post/x.md\" >}} {{% relref \"/about\" %}}",
        "{{< param site.title >}}",
        "Escaped: {{</* x a=\"b\" */>}} and {{%/* y */%}}",
        "{{</* /x */>}}",
        "{{</* a >}} b */>}}",
        "{{%/* x {{< y >}} {{% z */%}}",
        "{{</**/>}}",
        "One<!--more-->two<!--more-->three",
        "```\n{{< x >}}\n```\n",
        "{{< blocks/my-box >}}",
        "{{< time.inline >}}{{ now }}{{< /time.inline >}}",
        "日本語 {{< x \"日本\" >}} 😀",
        "\r\n{{< x >}}\r\n",
        // Bad input is Raw and written as it was.
        "{{< x %}}",
        "a {{< x a=\"b\"\nmore",
        "{{< /x >}}",
        "{{< x a k=\"v\" >}}",
        "{{< x k=\"a\nb\" >}}",
        "{{</* unclosed",
    };
    for (const std::string& input : inputs) EXPECT_EQ(round_trip(input), input);
}

TEST(HugoBodyWrite, NonCanonicalSpellingIsNormalised) {
    EXPECT_EQ(round_trip("{{<x a = \"b\">}}"), "{{< x a=\"b\" >}}");
    EXPECT_EQ(round_trip("{{< x a=b n=\"2\" >}}"), "{{< x a=\"b\" n=\"2\" >}}");
    EXPECT_EQ(round_trip("{{< x \"abc\" `def` >}}"), "{{< x abc def >}}");
    EXPECT_EQ(round_trip("{{< x />}}"), "{{< x >}}{{< /x >}}");
    EXPECT_EQ(round_trip("{{< x f=.5 g=1.50 >}}"), "{{< x f=0.5 g=1.5 >}}");
    EXPECT_EQ(round_trip("{{< x >}}y{{< / x >}}"), "{{< x >}}y{{< /x >}}");
}

// --- Writing: Text and Literal protection -------------------------------------------

TEST(HugoBodyWrite, LiteralIsWrittenEscapedAndReadsBack) {
    for (std::string_view literal : {"{{< x >}}", "{{% x %}}", "see {{< a >}} and {{% b c=\"d\" %}} here",
                                     "{{<>}}", "{{< a */>}}", "{{</* x */>}}", "{{ .Title }}"}) {
        const auto written = write({text_node(std::string(literal), Kind::Literal)});
        EXPECT_TRUE(written.warnings.empty()) << literal;
        const auto back = read(written.text);
        EXPECT_TRUE(back.warnings.empty()) << written.text;
        // Hugo prints the escapes back as the Literal text.
        std::string printed;
        for (const auto& node : back.body) {
            EXPECT_TRUE(node.kind == Kind::Text || node.kind == Kind::Literal) << written.text;
            printed += node.text;
        }
        EXPECT_EQ(printed, literal) << written.text;
    }
    EXPECT_EQ(write({text_node("{{< x >}}", Kind::Literal)}).text, "{{</* x */>}}");
    // A Literal that is one escaped shortcode is written as one escape, even
    // when it holds a closing delimiter or an unclosed opener.
    EXPECT_EQ(write({text_node("{{< a >}} b >}}", Kind::Literal)}).text, "{{</* a >}} b */>}}");
    EXPECT_EQ(write({text_node("{{< a {{% b >}}", Kind::Literal)}).text, "{{</* a {{% b */>}}");
    // Otherwise each shortcode in it is escaped on its own.
    EXPECT_EQ(write({text_node("{{< a */>}} b >}}", Kind::Literal)}).text, "{{</* a */*/>}} b >}}");
    EXPECT_EQ(describe(read("{{</* x */>}}").body), "L[{{< x >}}]");
}

TEST(HugoBodyWrite, ShortcodeLookingTextIsEscaped) {
    const auto written = write({text_node("Liquid had {{< x >}} as text.")});
    EXPECT_EQ(written.text, "Liquid had {{</* x */>}} as text.");
    EXPECT_EQ(describe(read(written.text).body), "T[Liquid had ]L[{{< x >}}]T[ as text.]");
}

TEST(HugoBodyWrite, UnclosedShortcodeTextIsLeftAndWarned) {
    const auto written = write({text_node("a\nb {{< x")});
    EXPECT_EQ(written.text, "a\nb {{< x");
    ASSERT_EQ(written.warnings.all().size(), 1u);
    EXPECT_EQ(written.warnings.all()[0].kind, WarningKind::MalformedTemplate);
    EXPECT_EQ(written.warnings.all()[0].where.line, 2);
}

TEST(HugoBodyWrite, SummaryDividerAndComments) {
    BodyNode divider = text_node("<!-- more -->", Kind::SummaryDivider);
    EXPECT_EQ(write({text_node("a"), divider, text_node("b")}).text, "a<!--more-->b");
    const auto comment = write({text_node(" note ", Kind::Comment)});
    EXPECT_EQ(comment.text, "<!-- note -->");
    EXPECT_TRUE(comment.warnings.empty());
    const auto dashes = write({text_node(" a -- b ", Kind::Comment)});
    EXPECT_EQ(dashes.text, "<!-- a -- b -->");
    EXPECT_EQ(dashes.warnings.all().size(), 1u);
    // Shortcodes run inside HTML comments too.
    EXPECT_EQ(write({text_node("{{< x >}}", Kind::Comment)}).text, "<!--{{</* x */>}}-->");
}

TEST(HugoBodyWrite, RawIsWrittenAsItShows) {
    // Hugo's own raw text goes back as it was.
    BodyNode hugo = text_node("{{< broken", Kind::Raw);
    hugo.origin = "hugo";
    EXPECT_EQ(write({hugo}).text, "{{< broken");
    // Another platform's is shown as written: a shortcode in it must not run.
    BodyNode liquid = text_node("{% if x %}{{< y >}}", Kind::Raw);
    liquid.origin = "jekyll";
    const auto written = write({liquid});
    EXPECT_EQ(written.text, "{% if x %}{{</* y */>}}");
    EXPECT_TRUE(written.warnings.empty());
    // Unclosed, it cannot be escaped: said so.
    BodyNode unclosed = text_node("{{< y", Kind::Raw);
    unclosed.origin = "jekyll";
    EXPECT_FALSE(write({unclosed}).warnings.empty());
}

// --- Writing: calls and values -----------------------------------------------------

TEST(HugoBodyWrite, CanonicalCallSpelling) {
    EXPECT_EQ(write({call_node("x")}).text, "{{< x >}}");
    BodyNode markdown = call_node("note", {}, std::vector<BodyNode>{text_node("**a**")});
    markdown.markdown = true;
    EXPECT_EQ(write({markdown}).text, "{{% note %}}**a**{{% /note %}}");
    EXPECT_EQ(write({call_node("x", {}, std::vector<BodyNode>{})}).text, "{{< x >}}{{< /x >}}");
}

TEST(HugoBodyWrite, ValuesKeepTheirTypes) {
    const auto written =
        write({call_node("x", {named("n", 2), named("s", "2"), named("f", 3.5), named("g", 2.0),
                               named("b", true), named("t", "true"), named("e", "")})});
    EXPECT_EQ(written.text, "{{< x n=2 s=\"2\" f=3.5 g=2.0 b=true t=\"true\" e=\"\" >}}");
    EXPECT_EQ(describe(read(written.text).body),
              "<x(n=int:2;s=str:2;f=float:3.500000;g=float:2.000000;b=true;"
              "t=str:true;e=str:;)");
}

TEST(HugoBodyWrite, PositionalStringsAreBareOnlyWhenUnambiguous) {
    const auto written =
        write({call_node("x", {positional("abc"), positional("a-b.c"), positional("true"), positional("12"),
                               positional("-1.5"), positional("a b"), positional(".x"), positional("é")})});
    EXPECT_EQ(written.text, "{{< x abc a-b.c \"true\" \"12\" \"-1.5\" \"a b\" \".x\" \"é\" >}}");
}

TEST(HugoBodyWrite, StringsNeedingOtherForms) {
    EXPECT_EQ(write({call_node("x", {named("q", "say \"hi\"")})}).text, R"({{< x q="say \"hi\"" >}})");
    // A line break needs a raw string; so do backslashes next to quotes and a
    // final backslash, which quoting would change.
    EXPECT_EQ(write({call_node("x", {named("q", "a\nb")})}).text, "{{< x q=`a\nb` >}}");
    EXPECT_EQ(write({call_node("x", {named("q", "a\\\"b")})}).text, "{{< x q=`a\\\"b` >}}");
    EXPECT_EQ(write({call_node("x", {named("q", "dir\\")})}).text, "{{< x q=`dir\\` >}}");
    EXPECT_EQ(write({call_node("x", {named("q", "C:\\dir")})}).text, "{{< x q=\"C:\\dir\" >}}");
    const auto impossible = write({call_node("x", {named("q", "a\n`b`")})});
    EXPECT_EQ(impossible.warnings.all().size(), 1u);
    for (const std::string value : {"say \"hi\"", "a\nb", "a\\\"b", "dir\\", "C:\\dir", "x `y` z"}) {
        const auto written = write({call_node("x", {named("q", value)})});
        EXPECT_EQ(only_call(read(written.text)).parameters, std::vector{named("q", value)}) << written.text;
    }
}

TEST(HugoBodyWrite, UnrepresentableValuesAreWarned) {
    const auto written = write(
        {call_node("x", {named("n", Value(nullptr)), named("f", std::numeric_limits<double>::infinity())})});
    EXPECT_EQ(written.warnings.all().size(), 2u);
    EXPECT_EQ(written.warnings.all()[0].kind, WarningKind::UnrepresentableValue);
}

TEST(HugoBodyWrite, MixedParametersAndBadNamesAreWarned) {
    EXPECT_EQ(write({call_node("x", {positional("a"), named("k", "v")})}).warnings.all().size(), 1u);
    EXPECT_EQ(write({call_node("figure.html")}).warnings.all().size(), 1u);
    EXPECT_EQ(write({call_node("x", {named("a b", "v")})}).warnings.all().size(), 1u);
}

TEST(HugoBodyWrite, HighlightParamRefAndSiteShortcodes) {
    const auto written = write({
        call_node("highlight", {positional("go"), positional("linenos")},
                  std::vector<BodyNode>{text_node("x := 1\n")}),
        call_node("param", {positional("author.name")}),
        call_node("param", {positional("weird key")}),
        call_node("relref", {positional("post/x.md")}),
        call_node("gallery", {named("dir", "img")}),
        call_node("gallery"),
        call_node("time.inline", {}, std::vector<BodyNode>{text_node("{{ now }}")}),
        call_node("box", {}, std::vector<BodyNode>{call_node("inner-one")}),
    });
    EXPECT_EQ(written.text,
              "{{< highlight go \"linenos\" >}}x := 1\n{{< /highlight >}}"
              "{{< param author.name >}}{{< param \"weird key\" >}}{{< relref \"post/x.md\" >}}"
              "{{< gallery dir=\"img\" >}}{{< gallery >}}{{< time.inline >}}{{ now }}{{< /time.inline >}}"
              "{{< box >}}{{< inner-one >}}{{< /box >}}");
    EXPECT_EQ(written.used_templates, (std::vector<std::string>{"gallery", "box", "inner-one"}));
    EXPECT_TRUE(written.warnings.empty());
}

// --- Writing: links in Jekyll's terms ------------------------------------------------

namespace {

SiteIndex small_site() {
    SiteIndex site;
    site.add("_posts/sub/2010-07-21-name.md", "content/sub/name.md");
    site.add("blog/_posts/2011-01-02-other.markdown", "content/blog/other.md");
    site.add("about.md", "content/about.md");
    site.add("my_posts/2012-01-01-decoy.md", "content/decoy.md");
    return site;
}

}  // namespace

TEST(HugoBodyWrite, PostUrlAndLinkResolveToRelref) {
    const SiteIndex site = small_site();
    const auto written = write({call_node("post_url", {positional("sub/2010-07-21-name")}), text_node(" "),
                                call_node("post_url", {positional("2011-01-02-other")}), text_node(" "),
                                call_node("link", {positional("about.md")})},
                               &site);
    EXPECT_EQ(
        written.text,
        "{{< relref \"/sub/name.md\" >}} {{< relref \"/blog/other.md\" >}} {{< relref \"/about.md\" >}}");
    EXPECT_TRUE(written.warnings.empty());
    EXPECT_TRUE(written.used_templates.empty());
}

TEST(HugoBodyWrite, UnresolvedLinksStayLiquidWithAWarning) {
    const SiteIndex site = small_site();
    BodyNode missing = call_node("post_url", {positional("2012-01-01-decoy")});
    missing.line = 4;
    const auto written = write({missing, text_node(" "), call_node("link", {positional("nope.md")})}, &site);
    EXPECT_EQ(written.text, "{% post_url 2012-01-01-decoy %} {% link nope.md %}");
    ASSERT_EQ(written.warnings.all().size(), 2u);
    EXPECT_EQ(written.warnings.all()[0].kind, WarningKind::UnresolvedLink);
    EXPECT_EQ(written.warnings.all()[0].where.line, 4);
    EXPECT_EQ(written.warnings.all()[0].where.path, test_path);

    const auto no_site = write({call_node("post_url", {positional("sub/2010-07-21-name")})});
    EXPECT_EQ(no_site.text, "{% post_url sub/2010-07-21-name %}");
    EXPECT_EQ(no_site.warnings.all().size(), 1u);
}
