// Liquid includes postport ships with a Jekyll site converted from Hugo:
// stand-ins for Hugo's built-in shortcodes, a generic include for calls named
// after an HTML element, and the stub that shows a call it cannot render.
// They read their parameters the way converted bodies pass them:
// `{% include NAME.html k="v" %}`, positional shortcode parameters as `_0`,
// `_1`, …, a paired call's inner content (Liquid-rendered, not yet Markdown)
// as `inner`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace postport {

struct BuiltinInclude {
    std::string text;
    // Non-empty when the include only approximates Hugo's output (no Liquid
    // equivalent exists): why, for a needs-porting warning.
    std::string caveat;
};

// The stand-in for Hugo's built-in shortcode `name` (figure, youtube, vimeo,
// gist, x, twitter, tweet, instagram, details, qr, and the calls converted
// bodies write natively: highlight, param, ref, relref); nullopt for others.
std::optional<BuiltinInclude> hugo_builtin_include(std::string_view name);

// Whether `name` is an HTML element a shortcode may be named after (iframe,
// video, img, div, …).
bool is_html_element_name(std::string_view name);

// An include that writes `element` with every named include parameter as an
// attribute (not `inner`, not positional `_N`), and `inner` as content.
std::string html_element_include(std::string_view element);

// An include that renders its call visibly: a `postport-shortcode` element
// naming the call, each parameter as `<span>key: value</span>`, then the inner
// content.
std::string stub_include(std::string_view name);

}  // namespace postport
