// The inputs the benchmarks measure: one post of the corpus scripts/bench
// generates (TOML front matter with every value type, a body of about 3 KB
// with shortcodes), and what postport makes of it for the other formats.
#pragma once

#include <string>

#include "converters/hugo/shortcodes.h"
#include "converters/jekyll/liquid.h"
#include "core/codecs.h"
#include "core/convert.h"
#include "core/lower.h"
#include "core/platform.h"

namespace postport::bench {

inline const SourceLocation kOrigin{"bench.md", 2, 1};

// The front matter data of post 42 of scripts/bench's corpus (no delimiters).
inline const std::string& toml_front_matter() {
    static const std::string text =
        "title = \"Post number 42\"\n"
        "date = 2021-07-15T10:42:00.5-07:00\n"
        "lastmod = 2022-01-01T00:00:00Z\n"
        "published_on = 2021-01-15\n"
        "reminder = 07:32:00\n"
        "stamp = 1979-05-27T07:32:00\n"
        "draft = false\n"
        "weight = 42\n"
        "big = 9223372036854775807\n"
        "ratio = 1.0\n"
        "tags = [\"bench\", \"tag42\"]\n"
        "categories = [\"c0\"]\n"
        "[params]\n"
        "score = 6.000\n"
        "flag = true\n"
        "[[resources]]\n"
        "src = \"a.png\"\n"
        "title = \"A\"\n";
    return text;
}

// The same values lowered for `target` and written as its writer does.
inline std::string lowered_front_matter(LoweringTarget target) {
    Table table = parse_toml(toml_front_matter(), kOrigin);
    Warnings warnings;
    (void)lower_values(table, {target, 0}, warnings, kOrigin);
    return target == LoweringTarget::Json ? write_json(table) : write_yaml(table);
}

// A Hugo body of about 3 KB: Markdown paragraphs, a figure, a paired
// shortcode with Markdown inside, a code block that looks like a template.
inline const std::string& hugo_body() {
    static const std::string body = [] {
        const std::string paragraph =
            "Migrating a blog should take about as long as copying it. This paragraph is "
            "filler with a [link](https://example.org/page) and some `inline code`.\n\n";
        std::string text;
        for (int i = 0; i < 7; ++i) text += paragraph;
        text += "{{< figure src=\"/img/42.png\" alt=\"Figure 42\" >}}\n\n";
        text += "{{< note >}}A note with **Markdown**.{{< /note >}}\n\n";
        text += "```go\nfunc main() { fmt.Println(\"{{ .Title }}\") }\n```\n\n";
        for (int i = 0; i < 8; ++i) text += paragraph;
        return text;
    }();
    return body;
}

// The same body as postport writes it for Jekyll.
inline std::string liquid_body() {
    Warnings warnings;
    BodyContext context;
    return write_liquid_body(read_hugo_body(hugo_body(), context, warnings), context, warnings);
}

inline const std::string& hugo_post() {
    static const std::string post = "+++\n" + toml_front_matter() + "+++\n" + hugo_body();
    return post;
}

inline const Platform& platform(std::string_view name) { return *builtin_platforms().find(name); }

inline const std::string hugo_path = "content/post/p000042.md";

// One per-file conversion as a site conversion does it (with its round-trip record).
inline Converted convert(std::string_view from, std::string_view to, const std::string& bytes,
                         const std::string& path) {
    ConvertRequest request;
    request.from = &platform(from);
    request.to = &platform(to);
    Warnings warnings;
    return convert_document(request, bytes, path, path, std::nullopt, warnings);
}

}  // namespace postport::bench
