// Hugo article bodies: the shortcode lexer (platforms.md section 2) and the
// writer that spells a Body so that Hugo reads back exactly that Body.
#pragma once

#include <string>
#include <string_view>

#include "core/body.h"
#include "core/diagnostics.h"

namespace postport {

// Reads a Hugo body into nodes. Every `{{<` and `{{%` is a shortcode, even in
// code blocks (Hugo's lexer knows no Markdown), so nothing is skipped:
//   * shortcodes become Calls: parameters typed as Hugo types them, `markdown`
//     set for `{{% %}}`, and opening and closing tags paired into `inner` (a
//     self-closing tag gets an empty `inner`, an unpaired one none);
//   * escaped shortcodes `{{</* … */>}}` become Literals holding what Hugo
//     prints (`{{< … >}}`);
//   * the first `<!--more-->` becomes the SummaryDivider (only the first counts);
//   * everything else is Text, byte for byte.
// Reading never fails: a construct Hugo would refuse to build (unclosed,
// mismatched delimiters, mixed parameters, a stray closing tag, …) becomes a
// Raw node (origin "hugo") with its exact bytes and a MalformedTemplate warning.
// Every node carries its byte offset in `body` and its file line
// (context.first_line + the line breaks before it).
Body read_hugo_body(std::string_view body, BodyContext& context, Warnings& warnings);

// Writes a Body as Hugo text, in canonical spelling (`{{< name k="v" >}}`), so
// that what read_hugo_body returns is written back byte for byte when the
// input was canonical. Text and Literal nodes are protected: shortcode-looking
// text is written escaped (`{{</* … */>}}`) so Hugo prints it instead of
// running it. Links in Jekyll's terms (post_url, link) are resolved through
// context.site into `relref`; site shortcodes called are added to
// context.used_templates. What Hugo cannot read back is written as close as
// possible and warned about.
std::string write_hugo_body(const Body& body, BodyContext& context, Warnings& warnings);

}  // namespace postport
