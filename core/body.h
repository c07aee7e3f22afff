// The body model: an article body as a sequence of nodes, each with its exact
// source span. Readers find the template constructs (Hugo shortcodes, Liquid
// tags) and leave everything else as text; writers print text untouched and
// translate only the constructs, pandoc-style: what has no counterpart is
// kept as Raw, tagged with the platform it came from.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <memory>
#include <string_view>
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
        // A template comment ({% comment %}); text is its content.
        Comment,
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

// The common spelling of a summary break (Hugo's divider).
inline constexpr std::string_view summary_divider = "<!--more-->";

// Calls with a meaning of their own, named as Hugo names them; every other
// call is a site template (a Hugo shortcode, a Jekyll include), passed by name.
//   highlight  positional [language, options?], options in Hugo's form
//              ("linenos=table,hl_lines=1 2,linenostart=5"); inner = the code.
//   ref, relref  positional [target] in Hugo's terms ("post/x.md", "/about").
//   post_url   positional [id] in Jekyll's terms ("sub/2010-07-21-name").
//   link       positional [path] from the Jekyll site root ("about.md").
//   param      positional [key], dotted for nested keys: a page value, else
//              the site's (Hugo .Site.Params, Jekyll site.params).
//   site       positional [key]: a site setting (Jekyll site.title; Hugo
//              .Site.Title, else .Site.Params.KEY).
// Links (ref, relref, post_url, link) are translated through a SiteIndex.
namespace call {
inline constexpr std::string_view highlight = "highlight";
inline constexpr std::string_view ref = "ref";
inline constexpr std::string_view relref = "relref";
inline constexpr std::string_view post_url = "post_url";
inline constexpr std::string_view link = "link";
inline constexpr std::string_view param = "param";
inline constexpr std::string_view site = "site";
}  // namespace call

// Whether a body links to other articles (ref, relref, post_url, link
// calls, at any depth): converting it needs the site index.
bool links_to_articles(const Body& body);

// Relative links to rewrite in a body: (link as written, new URL).
using LinkRewrites = std::vector<std::pair<std::string, std::string>>;

// Rewrites links to files that moved: in text, Markdown link and image
// targets `](LINK)`, `](LINK "title")` and HTML `src`/`href` attributes; in
// calls, string parameters equal to a link. A link also matches as `./LINK`.
void rewrite_links(Body& body, const LinkRewrites& rewrites);

// One article of a site conversion: its site-relative paths on the side a
// body was written for (`source`) and on the side it is written to.
struct SiteEntry {
    std::string_view source_path;
    std::string_view target_path;
};

// Every article of a site conversion, found by either path or by a key of
// its source path. It holds the whole site, so it is kept small: paths back
// to back, lookups by binary search and by hashes of keys (about 100 bytes an
// article). add() every article first; then look up, from any thread.
class SiteIndex {
public:
    SiteIndex();
    void add(std::string_view source_path, std::string_view target_path);
    [[nodiscard]] std::optional<SiteEntry> by_source(std::string_view path) const;
    [[nodiscard]] std::optional<SiteEntry> by_target(std::string_view path) const;

    // The keys an article is known by, from its source path (how Hugo's ref
    // names a page, Jekyll's post_url a post), appended to `keys`.
    using KeysOf = void (*)(std::string_view source_path, std::vector<std::string>& keys);
    // The articles that `keys_of` gives `key`, in the order added. The table
    // for a `keys_of` is made on its first use.
    [[nodiscard]] std::vector<SiteEntry> with_key(KeysOf keys_of, std::string_view key) const;
    // The first of them, if any.
    [[nodiscard]] std::optional<SiteEntry> first_with_key(KeysOf keys_of, std::string_view key) const;

    // The same index seen from the other side; it shares this one's paths.
    [[nodiscard]] SiteIndex flipped() const;

private:
    struct Paths;
    [[nodiscard]] SiteEntry entry(std::size_t i) const;
    [[nodiscard]] std::optional<SiteEntry> find(std::string_view path, bool on_targets) const;

    std::shared_ptr<Paths> paths_;
    bool flipped_ = false;  // sources and targets swap
};

// What a body reader or writer needs to know beyond the body, and what it
// tells back.
struct BodyContext {
    std::string display_path;  // for warnings
    int first_line = 1;        // file line of the body's first byte
    // The document's own site-relative path, on the side being read or written.
    std::string path;
    // Jekyll: the excerpt separator in force for the document ("\n\n" is
    // Jekyll's default and is not a divider).
    std::string excerpt_separator;
    const SiteIndex* site = nullptr;  // null for a single post
    // Site templates the written body calls (shortcodes, includes), for the
    // target site to provide.
    std::vector<std::string> used_templates;
};

// The named parameter's value, or the positional one at `position`, if any.
const Value* find_parameter(const BodyNode& call, std::string_view name,
                            std::optional<std::size_t> position = std::nullopt);

}  // namespace postport
