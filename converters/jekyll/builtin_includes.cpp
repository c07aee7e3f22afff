#include "converters/jekyll/builtin_includes.h"

#include <algorithm>
#include <array>

namespace postport {

namespace {

// Helper variables are prefixed `postport_`: Liquid's `assign` writes to the
// page's scope, not the include's, so plain names could shadow `page` or the
// author's own variables. Every output stays free of blank lines and deep
// indentation so that kramdown, which runs after Liquid, keeps it as HTML.

// Hugo 0.111's figure, markup for markup (whitespace aside); `loading` is
// from later Hugo versions. Caption and attribution are Markdown, rendered
// inline as Hugo's markdownify does (no paragraph around a single line).
constexpr std::string_view figure_include =
    R"liquid({%- assign postport_caption = include.caption | markdownify | remove: "<p>" | remove: "</p>" | strip -%}
{%- assign postport_attr = include.attr | markdownify | remove: "<p>" | remove: "</p>" | strip -%}
<figure{% if include.class %} class="{{ include.class | escape }}"{% endif %}>
{%- if include.link %}<a href="{{ include.link | escape }}"{% if include.target %} target="{{ include.target | escape }}"{% endif %}{% if include.rel %} rel="{{ include.rel | escape }}"{% endif %}>{% endif -%}
<img src="{{ include.src | escape }}"
{%- if include.alt %} alt="{{ include.alt | escape }}"{% elsif include.caption %} alt="{{ postport_caption | strip_html | escape }}"{% endif %}
{%- if include.width %} width="{{ include.width | escape }}"{% endif %}
{%- if include.height %} height="{{ include.height | escape }}"{% endif %}
{%- if include.loading %} loading="{{ include.loading | escape }}"{% endif %}/>
{%- if include.link %}</a>{% endif -%}
{%- if include.title or include.caption or include.attr -%}
<figcaption>
{%- if include.title %}<h4>{{ include.title | escape }}</h4>{% endif -%}
{%- if include.caption or include.attr %}<p>{{ postport_caption }}
{%- if include.attrlink %} <a href="{{ include.attrlink | escape }}">{% endif %}{{ postport_attr }}{% if include.attrlink %}</a>{% endif %}</p>{% endif -%}
</figcaption>
{%- endif -%}
</figure>
)liquid";

// Hugo's youtube with privacy.youTube.privacyEnhanced (youtube-nocookie):
// 0.111's markup, plus the player parameters later versions accept.
constexpr std::string_view youtube_include = R"liquid({%- assign postport_id = include.id | default: include._0 -%}
{%- assign postport_class = include.class | default: include._1 -%}
{%- capture postport_query -%}
{%- if include.autoplay == true or include.autoplay == "true" or include.autoplay == 1 %}&autoplay=1{% endif -%}
{%- if include.mute == true or include.mute == "true" or include.mute == 1 %}&mute=1{% endif -%}
{%- if include.controls == false or include.controls == "false" or include.controls == 0 %}&controls=0{% endif -%}
{%- if include.loop == true or include.loop == "true" or include.loop == 1 %}&loop=1&playlist={{ postport_id | escape }}{% endif -%}
{%- if include.start %}&start={{ include.start | escape }}{% endif -%}
{%- if include.end %}&end={{ include.end | escape }}{% endif -%}
{%- endcapture -%}
<div {% if postport_class %}class="{{ postport_class | escape }}"{% else %}style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"{% endif %}>
<iframe src="https://www.youtube-nocookie.com/embed/{{ postport_id | escape }}{% if postport_query != "" %}?{{ postport_query | remove_first: "&" }}{% endif %}" {% unless postport_class %}style="position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;" {% endunless %}allowfullscreen title="{{ include.title | default: "YouTube Video" | escape }}"{% if include.loading %} loading="{{ include.loading | escape }}"{% endif %}></iframe>
</div>
)liquid";

// Hugo 0.111's vimeo: id and class named or positional.
constexpr std::string_view vimeo_include = R"liquid({%- assign postport_id = include.id | default: include._0 -%}
{%- assign postport_class = include.class | default: include._1 -%}
<div {% if postport_class %}class="{{ postport_class | escape }}"{% else %}style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"{% endif %}>
<iframe src="https://player.vimeo.com/video/{{ postport_id | escape }}" {% unless postport_class %}style="position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;" {% endunless %}title="{{ include.title | default: "vimeo video" | escape }}"{% if include.loading %} loading="{{ include.loading | escape }}"{% endif %} webkitallowfullscreen mozallowfullscreen allowfullscreen></iframe>
</div>
)liquid";

// Hugo's gist: user, id and an optional file, positional.
constexpr std::string_view gist_include = R"liquid({%- assign postport_user = include.user | default: include._0 -%}
{%- assign postport_id = include.id | default: include._1 -%}
{%- assign postport_file = include.file | default: include._2 -%}
<script type="application/javascript" src="https://gist.github.com/{{ postport_user | escape }}/{{ postport_id | escape }}.js{% if postport_file %}?file={{ postport_file | escape }}{% endif %}"></script>
)liquid";

// Hugo renders an Instagram post through Instagram's API at build time; the
// static embed Instagram documents is the equivalent that needs no API key.
constexpr std::string_view instagram_include = R"liquid({%- assign postport_id = include.id | default: include._0 -%}
<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/{{ postport_id | escape }}/"{% unless include._1 == "hidecaption" %} data-instgrm-captioned{% endunless %}><a href="https://www.instagram.com/p/{{ postport_id | escape }}/">https://www.instagram.com/p/{{ postport_id | escape }}/</a></blockquote>
<script async src="https://www.instagram.com/embed.js"></script>
)liquid";

// Hugo 0.140's details. The summary is Markdown rendered inline, the inner
// content Markdown rendered as blocks, as Hugo's RenderString does.
constexpr std::string_view details_include =
    R"liquid({%- assign postport_summary = include.summary | default: "Details" | markdownify | remove: "<p>" | remove: "</p>" | strip -%}
<details{% if include.class %} class="{{ include.class | escape }}"{% endif %}{% if include.name %} name="{{ include.name | escape }}"{% endif %}{% if include.open == true or include.open == "true" or include.open == 1 %} open{% endif %}{% if include.title %} title="{{ include.title | escape }}"{% endif %}>
<summary>{{ postport_summary }}</summary>
{{ include.inner | markdownify | strip }}
</details>
)liquid";

// Hugo draws the QR code into an image at build time; Liquid cannot, so the
// encoded text is shown instead, visibly marked.
constexpr std::string_view qr_include =
    R"liquid({%- assign postport_text = include.text | default: include.inner | strip -%}
<figure class="postport-shortcode postport-qr{% if include.class %} {{ include.class | escape }}{% endif %}" data-shortcode="qr"{% if include.id %} id="{{ include.id | escape }}"{% endif %}{% if include.title %} title="{{ include.title | escape }}"{% endif %}>
<code>{{ postport_text | escape }}</code>
<figcaption>{{ include.alt | default: "QR code" | escape }}</figcaption>
</figure>
)liquid";

// Converted bodies write these three natively (post_url/link, highlight,
// page/site lookups); the includes only serve a call written by hand.
constexpr std::string_view param_include = R"liquid({{ page[include._0] | default: site.params[include._0] }})liquid";

constexpr std::string_view highlight_include =
    R"liquid(<pre><code{% if include._0 %} class="language-{{ include._0 | escape }}"{% endif %}>{{ include.inner | escape }}</code></pre>
)liquid";

constexpr std::string_view ref_include = R"liquid({{ include._0 | relative_url }})liquid";

// Hugo's tweet/twitter/x shortcodes fetch the post's HTML from the platform
// at build time; the embed code the platform documents (a blockquote linking
// to the post, turned into a card by its script) needs no build-time request.
std::string post_embed_include(std::string_view host) {
    std::string text = R"liquid({%- if include._1 -%}
{%- assign postport_user = include._0 -%}{%- assign postport_id = include._1 -%}
{%- else -%}
{%- assign postport_user = include.user | default: "x" -%}{%- assign postport_id = include.id | default: include._0 -%}
{%- endif -%}
{%- capture postport_post_url %}https://HOST/{{ postport_user | escape }}/status/{{ postport_id | escape }}{% endcapture -%}
<blockquote class="twitter-tweet"><p><a href="{{ postport_post_url }}">{{ postport_post_url }}</a></p></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
)liquid";
    text.replace(text.find("HOST"), 4, host);
    return text;
}

bool is_void_element(std::string_view name) {
    static constexpr std::array<std::string_view, 8> void_elements = {"area", "br",    "embed",  "hr",
                                                                      "img",  "input", "source", "wbr"};
    return std::find(void_elements.begin(), void_elements.end(), name) != void_elements.end();
}

}  // namespace

std::optional<BuiltinInclude> hugo_builtin_include(std::string_view name) {
    auto exact = [](std::string_view text) { return BuiltinInclude{std::string(text), {}}; };
    if (name == "figure") return exact(figure_include);
    if (name == "youtube") return exact(youtube_include);
    if (name == "vimeo") return exact(vimeo_include);
    if (name == "gist") return exact(gist_include);
    if (name == "instagram") return exact(instagram_include);
    if (name == "details") return exact(details_include);
    if (name == "x") return BuiltinInclude{post_embed_include("x.com"), {}};
    if (name == "twitter" || name == "tweet") return BuiltinInclude{post_embed_include("twitter.com"), {}};
    if (name == "param") return exact(param_include);
    if (name == "highlight") return exact(highlight_include);
    if (name == "qr")
        return BuiltinInclude{std::string(qr_include),
                              "Hugo's `qr` shortcode draws a QR code at build time, which Liquid cannot: "
                              "the include shows the encoded text instead"};
    if (name == "ref" || name == "relref")
        return BuiltinInclude{std::string(ref_include),
                              "a `" + std::string(name) +
                                  "` call left for an include names its target in Hugo's terms: "
                                  "the include prints it as a URL path, which may not be the page's"};
    return std::nullopt;
}

bool is_html_element_name(std::string_view name) {
    static constexpr std::array<std::string_view, 28> elements = {
        "a",     "abbr",   "article", "aside",  "audio", "blockquote", "br",  "button",  "canvas", "div",
        "embed", "hr",     "iframe",  "img",    "input", "object",     "p",   "picture", "pre",    "section",
        "small", "source", "span",    "strong", "table", "video",      "wbr", "area"};
    return std::find(elements.begin(), elements.end(), name) != elements.end();
}

std::string html_element_include(std::string_view element) {
    // Liquid iterates a hash as [key, value] pairs, in the order the call
    // gave them. Positional parameters (`_0`…) are not attribute names.
    std::string text =
        "<" + std::string(element) +
        R"liquid({% for postport_attribute in include %}{% assign postport_initial = postport_attribute[0] | slice: 0 %}{% unless postport_attribute[0] == "inner" or postport_initial == "_" %} {{ postport_attribute[0] }}="{{ postport_attribute[1] | escape }}"{% endunless %}{% endfor %}>)liquid";
    if (!is_void_element(element)) text += "{{ include.inner }}</" + std::string(element) + ">";
    return text + "\n";
}

std::string stub_include(std::string_view name) {
    return R"liquid(<div class="postport-shortcode" data-shortcode=")liquid" + std::string(name) +
           R"liquid(">
{%- for postport_parameter in include %}{% unless postport_parameter[0] == "inner" %}<span>{{ postport_parameter[0] }}: {{ postport_parameter[1] | escape }}</span>{% endunless %}{% endfor -%}
{{ include.inner }}</div>
)liquid";
}

}  // namespace postport
