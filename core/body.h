// The body model: an article body as a sequence of nodes, each with its exact
// source span. Readers find the template constructs (Hugo shortcodes, Liquid
// tags) and leave everything else as text; writers print text untouched and
// translate only the constructs, pandoc-style: what has no counterpart is
// kept as Raw, tagged with the platform it came from.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"

namespace postport {

struct BodyNode;

struct CallParameter {
    std::string name;  // empty for a positional parameter
    // The value as the template engine types it: strings (quoted or raw),
    // bools, integers, floats.
    Value value;
    friend bool operator==(const CallParameter&, const CallParameter&) = default;
};

struct BodyNode {
    enum class Kind {
        // Article text, written as is (writers only protect what their
        // template engine would otherwise read as a construct).
        Text,
        // Text that must be shown exactly as written even though it looks like
        // a template construct: a Hugo escaped shortcode, a Liquid raw block.
        Literal,
        // A template call: a Hugo shortcode, a Liquid include or tag, with
        // parameters and, when paired, inner nodes.
        Call,
        // The summary divider (<!--more-->, or a Jekyll excerpt separator).
        SummaryDivider,
        // A construct with no counterpart elsewhere, kept byte for byte.
        Raw,
    };

    Kind kind = Kind::Text;
    std::string text;  // Text, Literal, Raw, SummaryDivider: the bytes
    std::string name;  // Call: template name ("figure", "highlight", "ref", …)
    std::vector<CallParameter> parameters;
    // A paired call's inner nodes (nullopt for a single tag).
    std::optional<std::vector<BodyNode>> inner;
    // Hugo's {{% %}}: the output is Markdown, rendered with the page.
    bool markdown = false;
    std::string origin;  // Raw: the platform it came from

    // Where the node starts in the body (0-based byte offset, 1-based line).
    std::size_t offset = 0;
    int line = 1;
};

using Body = std::vector<BodyNode>;

// The named parameter's value, or the positional one at `position`, if any.
const Value* find_parameter(const BodyNode& call, std::string_view name,
                            std::optional<std::size_t> position = std::nullopt);

}  // namespace postport
