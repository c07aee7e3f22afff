// Jekyll article bodies: a Liquid 5 lexer (platforms.md section 3) that finds
// the constructs with a counterpart elsewhere, and the writer that spells a
// Body so that Jekyll 4.3 renders exactly that Body, with no Liquid warning.
#pragma once

#include <string>
#include <string_view>

#include "core/body.h"
#include "core/diagnostics.h"

namespace postport {

// Reads a Jekyll body into nodes. Tokens are cut as Liquid 5.4 cuts them
// (`{% … %}` ends at the first `%}`, `{{ … }` at the first `}`, taking one
// more `}` if there is one; `{%-`/`-%}` are the same tags), so that what is
// read is what Jekyll runs:
//   * `{% raw %}X{% endraw %}` → Literal X (adjacent raw blocks make one);
//   * `{% highlight LANG [linenos] [mark_lines="1 2"] %}…{% endhighlight %}`
//     → Call `highlight` [LANG, Hugo options], inner = the code's nodes;
//   * `{% post_url ID %}`, `{% link PATH %}` → Calls `post_url`, `link`;
//   * `{% include NAME.html k="v" %}` → Call NAME with typed parameters;
//     `_0`, `_1`, … are positional, and the writer's
//     `{% capture postport_inner_N %}…{% endcapture %}{% include … inner=postport_inner_N %}`
//     (and `postport_param_N` captures for awkward values) come back as one
//     paired Call;
//   * `{% comment %}X{% endcomment %}` and `{% # X %}` → Comment (raw blocks
//     inside are read as the text they print);
//   * `{{ page.KEY }}`, `{{ site.params.KEY }}` and the writer's
//     `{{ page.KEY | default: site.params.KEY }}` → Call `param` [KEY];
//   * `{{ "text" }}` (a string alone, as the writer prints a `{` that would
//     start a tag) → Text;
//   * a custom excerpt separator (context.excerpt_separator, unless empty or
//     Jekyll's default "\n\n") in top-level text → SummaryDivider;
//   * every other construct → Raw (origin "jekyll") with its exact bytes and
//     a warning: control flow, filters, unknown tags (UnknownTemplate), and
//     what Jekyll would refuse, such as an unclosed `{% raw %}` or `{{`
//     (MalformedTemplate: only the opening tag is Raw, the rest is read on).
// Everything else is Text, byte for byte. Reading never fails. Every node
// carries its byte offset in `body` and its file line (context.first_line +
// the line breaks before it).
Body read_liquid_body(std::string_view body, BodyContext& context, Warnings& warnings);

// Writes a Body as a Jekyll body that Jekyll 4.3 renders as the article:
// Text and Literal are printed exactly (what Liquid would read is wrapped in
// `{% raw %}…{% endraw %}`), calls become Liquid tags and includes (site
// templates called are added to context.used_templates), Hugo's ref/relref
// are resolved through context.site into `post_url`/`link`, and what has no
// Jekyll form is written so Jekyll prints it, with a warning. The divider is
// written `<!--more-->` (the converter sets `excerpt_separator`).
// read_liquid_body gives back the same nodes from what this writes, except
// that a Text node may come back split into Text and Literal pieces.
std::string write_liquid_body(const Body& body, BodyContext& context, Warnings& warnings);

}  // namespace postport
