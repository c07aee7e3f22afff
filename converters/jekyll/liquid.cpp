#include "converters/jekyll/liquid.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <variant>
#include <vector>

#include "converters/hugo/shortcodes.h"
#include "core/codecs.h"
#include "core/text.h"

namespace postport {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::string_view jekyll_origin = "jekyll";
constexpr std::string_view jekyll_default_separator = "\n\n";
constexpr std::string_view raw_open = "{% raw %}";
constexpr std::string_view raw_close = "{% endraw %}";
// The writer's capture variables: a paired call's inner content, and
// parameter values an include argument cannot spell.
constexpr std::string_view inner_capture_prefix = "postport_inner_";
constexpr std::string_view param_capture_prefix = "postport_param_";
constexpr std::string_view inner_argument = "inner";
constexpr std::string_view include_extension = ".html";
constexpr std::string_view content_folder = "content/";
constexpr std::string_view posts_folder = "_posts/";
// Liquid refuses to nest blocks deeper than this ("Nesting too deep").
constexpr int max_depth = 100;
// mark_lines lists every line: a Hugo range wider than this is not expanded.
constexpr std::int64_t max_marked_lines = 10000;
constexpr std::string_view jekyll_refuses = "; Jekyll would refuse to build this";
constexpr std::string_view hugo_does_not_run_liquid = " kept verbatim; Hugo does not run Liquid";

// --- Character classes: Ruby's \s and \w, ASCII only as Liquid uses them -----

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

bool is_word_or_dash(char c) { return is_word(c) || c == '-'; }

// Ruby's String#strip: blanks and NUL.
std::string_view strip(std::string_view text) {
    auto blank = [](char c) { return is_ascii_space(c) || c == '\0'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    return text;
}

bool is_blank(std::string_view text) { return strip(text).empty(); }

bool all_of(std::string_view text, bool (*predicate)(char)) {
    return !text.empty() && std::all_of(text.begin(), text.end(), predicate);
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != npos; }

// For messages: a construct on one line, shortened.
std::string quoted(std::string_view text) {
    constexpr std::size_t longest = 60;
    std::string shown(text.substr(0, std::min(text.find('\n'), longest)));
    if (shown.size() < text.size()) shown += "…";
    return "`" + shown + "`";
}

// --- Liquid's tokenizer (liquid.rb TemplateParser) -----------------------------
//
// Liquid cuts the whole template with /({%.*?%}|{{.*?}}?|{%|{{)/m before it
// parses anything, and raw and comment blocks are read from those tokens: a
// tag ends at the FIRST `%}`, an output at the first `}` (plus one more `}`
// if one follows), and an opener with no end is a token of its own.

enum class TokenKind { Text, Tag, Output, Opener };

struct Token {
    TokenKind kind;
    std::size_t begin;
    std::size_t end;
};

// The next `{{` or `{%` at or after `from`.
std::size_t find_opener(std::string_view text, std::size_t from) {
    for (std::size_t at = text.find('{', from); at != npos && at + 1 < text.size(); at = text.find('{', at + 1))
        if (text[at + 1] == '{' || text[at + 1] == '%') return at;
    return npos;
}

Token next_token(std::string_view text, std::size_t pos) {
    const std::size_t open = find_opener(text, pos);
    if (open != pos) return {TokenKind::Text, pos, open == npos ? text.size() : open};
    if (text[pos + 1] == '%') {
        const std::size_t close = text.find("%}", pos + 2);
        if (close == npos) return {TokenKind::Opener, pos, pos + 2};
        return {TokenKind::Tag, pos, close + 2};
    }
    const std::size_t close = text.find('}', pos + 2);
    if (close == npos) return {TokenKind::Opener, pos, pos + 2};
    const std::size_t end = close + 1 < text.size() && text[close + 1] == '}' ? close + 2 : close + 1;
    return {TokenKind::Output, pos, end};
}

// Whether a `}` right after `markup` would join its last token: an output
// token that ended at a single `}` takes one more.
bool last_token_takes_brace(std::string_view markup) {
    Token token{TokenKind::Text, 0, 0};
    for (std::size_t pos = 0; pos < markup.size(); pos = token.end) token = next_token(markup, pos);
    return token.kind == TokenKind::Output && !markup.substr(token.begin, token.end - token.begin).ends_with("}}");
}

// A tag token as BlockBody::FullToken reads it:
// /\A{%-?(\s*)(#|\w+)(\s*)(.*?)-?%}\z/m.
struct TagParts {
    std::string_view name;    // "raw", "include", "#", …
    std::string_view markup;  // what follows the name, up to `%}` or `-%}`
    bool trims = false;       // `{%-` or `-%}`: strips the whitespace beside the tag
};

std::optional<TagParts> parse_tag(std::string_view token) {
    const std::string_view inside = token.substr(2, token.size() - 4);
    TagParts parts;
    std::size_t at = 0;
    if (at < inside.size() && inside[at] == '-') {
        parts.trims = true;
        ++at;
    }
    while (at < inside.size() && is_ascii_space(inside[at])) ++at;
    const std::size_t name_begin = at;
    if (at < inside.size() && inside[at] == '#') {
        ++at;
    } else {
        while (at < inside.size() && is_word(inside[at])) ++at;
    }
    if (at == name_begin) return std::nullopt;
    parts.name = inside.substr(name_begin, at - name_begin);
    while (at < inside.size() && is_ascii_space(inside[at])) ++at;
    parts.markup = inside.substr(at);
    if (parts.markup.ends_with('-')) {
        parts.markup.remove_suffix(1);
        parts.trims = true;
    }
    return parts;
}

// An output token as BlockBody::ContentOfVariable reads it:
// /\A{{-?(.*?)-?}}\z/m. A token ending at a single `}` is not one.
struct OutputParts {
    std::string_view markup;
    bool trims = false;
};

std::optional<OutputParts> parse_output(std::string_view token) {
    if (token.size() < 4 || !token.ends_with("}}")) return std::nullopt;
    OutputParts parts{token.substr(2, token.size() - 4)};
    if (parts.markup.starts_with('-')) {
        parts.markup.remove_prefix(1);
        parts.trims = true;
    }
    if (parts.markup.ends_with('-')) {
        parts.markup.remove_suffix(1);
        parts.trims = true;
    }
    return parts;
}

// Where a raw block ends: Liquid's Raw tag stops at the first token matching
// /\A(.*){%\s*(\w+)\s*(.*)?%}\z/m whose word is `endraw`. The greedy (.*)
// makes the LAST `{%` followed by a word decide, so `{% x {% endraw %}` ends
// the block (the body gets `{% x `) and `{%- endraw %}` does not. Returns the
// offset of that `{%` in the token.
std::optional<std::size_t> endraw_in(std::string_view token) {
    if (!token.ends_with("%}")) return std::nullopt;
    for (std::size_t at = token.rfind("{%"); at != npos; at = at == 0 ? npos : token.rfind("{%", at - 1)) {
        std::size_t word = at + 2;
        while (word < token.size() && is_ascii_space(token[word])) ++word;
        std::size_t word_end = word;
        while (word_end < token.size() && is_word(token[word_end])) ++word_end;
        if (word_end == word) continue;
        if (token.substr(word, word_end - word) == "endraw") return at;
        return std::nullopt;
    }
    return std::nullopt;
}

// The first `{%`, blanks, `endraw` at or after `from`: text that would end a
// raw block written around it.
std::size_t find_endraw_marker(std::string_view text, std::size_t from = 0) {
    for (std::size_t at = text.find("{%", from); at != npos; at = text.find("{%", at + 1)) {
        std::size_t word = at + 2;
        while (word < text.size() && is_ascii_space(text[word])) ++word;
        if (text.substr(word).starts_with("endraw")) return at;
    }
    return npos;
}

// A single-quoted or double-quoted Liquid string literal, alone: what it prints.
std::optional<std::string_view> string_literal(std::string_view markup) {
    markup = strip(markup);
    if (markup.size() < 2 || (markup.front() != '"' && markup.front() != '\'') || markup.back() != markup.front())
        return std::nullopt;
    const std::string_view content = markup.substr(1, markup.size() - 2);
    if (content.find(markup.front()) != npos) return std::nullopt;
    return content;
}

// --- Jekyll's tags ------------------------------------------------------------

// The highlight tag (jekyll/tags/highlight.rb):
//   ^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|"([0-9]+\s)*[0-9]+"))?)*)$
struct HighlightOption {
    std::string_view key;
    std::optional<std::string_view> value;  // without the quotes
};

struct HighlightMarkup {
    std::string_view language;
    std::vector<HighlightOption> options;
};

bool is_language_char(char c) {
    return is_word(c) || c == '.' || c == '+' || c == '#' || c == '-';
}

// `"1 2 3"`: numbers separated by one blank each. Returns the end, or npos.
std::size_t end_of_quoted_numbers(std::string_view text, std::size_t at) {
    if (at >= text.size() || text[at] != '"') return npos;
    ++at;
    while (true) {
        const std::size_t digits = at;
        while (at < text.size() && is_digit(text[at])) ++at;
        if (at == digits || at >= text.size()) return npos;
        if (text[at] == '"') return at + 1;
        if (!is_ascii_space(text[at])) return npos;
        ++at;
    }
}

std::optional<HighlightMarkup> parse_highlight_markup(std::string_view markup) {
    markup = strip(markup);
    HighlightMarkup parsed;
    std::size_t at = 0;
    while (at < markup.size() && is_language_char(markup[at])) ++at;
    if (at == 0) return std::nullopt;
    parsed.language = markup.substr(0, at);
    while (at < markup.size()) {
        const std::size_t blanks = at;
        while (at < markup.size() && is_ascii_space(markup[at])) ++at;
        const std::size_t key = at;
        while (at < markup.size() && is_word(markup[at])) ++at;
        if (at == blanks || at == key) return std::nullopt;
        HighlightOption option{markup.substr(key, at - key), std::nullopt};
        if (at < markup.size() && markup[at] == '=') {
            const std::size_t value = ++at;
            if (at < markup.size() && markup[at] == '"') {
                at = end_of_quoted_numbers(markup, at);
                if (at == npos) return std::nullopt;
                option.value = markup.substr(value + 1, at - value - 2);
            } else {
                while (at < markup.size() && is_word(markup[at])) ++at;
                if (at == value) return std::nullopt;
                option.value = markup.substr(value, at - value);
            }
        }
        parsed.options.push_back(option);
    }
    return parsed;
}

// The blank-separated words of a text.
std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    for (std::size_t at = 0; at < text.size();) {
        while (at < text.size() && is_ascii_space(text[at])) ++at;
        const std::size_t begin = at;
        while (at < text.size() && !is_ascii_space(text[at])) ++at;
        if (at > begin) words.push_back(text.substr(begin, at - begin));
    }
    return words;
}

// "1  2\t3" -> "1 2 3".
std::string single_spaced(std::string_view numbers) {
    std::string out;
    for (std::string_view word : words_of(numbers)) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

// Jekyll's options in Hugo's form. With Rouge, any `linenos` gives the
// line-number table, which is Hugo's `linenos=table`.
std::string hugo_highlight_options(const std::vector<HighlightOption>& options) {
    std::string out;
    for (const HighlightOption& option : options) {
        if (!out.empty()) out += ',';
        if (option.key == "linenos") {
            out += "linenos=table";
        } else if (option.key == "mark_lines" && option.value) {
            out += "hl_lines=" + single_spaced(*option.value);
        } else {
            out += std::string(option.key) + "=" + std::string(option.value.value_or("true"));
        }
    }
    return out;
}

// The include tag (jekyll/tags/include.rb): a file name, then arguments
//   ([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))
// each followed by a blank or the end.
struct IncludeArgument {
    std::string name;
    std::string value;  // unescaped; for a bare value, as written
    bool bare = false;  // a Liquid expression: a number, a bool or a variable
};

struct IncludeMarkup {
    std::string_view file;
    std::vector<IncludeArgument> arguments;
};

bool is_bare_argument_char(char c) { return is_word_or_dash(c) || c == '.'; }

// Reads a quoted argument value at `at` (on its quote). As Jekyll does, an
// escaped quote loses its backslash and every other backslash stays.
std::optional<std::string> read_quoted_argument(std::string_view text, std::size_t& at) {
    const char quote = text[at++];
    const std::size_t begin = at;
    while (true) {
        if (at >= text.size()) return std::nullopt;
        if (text[at] == quote) break;
        if (text[at] == '\\') {
            if (at + 1 >= text.size() || text[at + 1] == '\n') return std::nullopt;
            at += 2;
            continue;
        }
        ++at;
    }
    std::string value(text.substr(begin, at - begin));
    ++at;
    const std::string escaped{'\\', quote};
    for (std::size_t pos = value.find(escaped); pos != npos; pos = value.find(escaped, pos + 1))
        value.erase(pos, 1);
    return value;
}

std::optional<std::vector<IncludeArgument>> parse_include_arguments(std::string_view text) {
    std::vector<IncludeArgument> arguments;
    std::size_t at = 0;
    auto skip_blanks = [&] {
        while (at < text.size() && is_ascii_space(text[at])) ++at;
    };
    skip_blanks();
    while (at < text.size()) {
        IncludeArgument argument;
        const std::size_t name = at;
        while (at < text.size() && is_word_or_dash(text[at])) ++at;
        if (at == name) return std::nullopt;
        argument.name = std::string(text.substr(name, at - name));
        skip_blanks();
        if (at >= text.size() || text[at] != '=') return std::nullopt;
        ++at;
        skip_blanks();
        if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
            auto value = read_quoted_argument(text, at);
            if (!value) return std::nullopt;
            argument.value = std::move(*value);
        } else {
            const std::size_t value = at;
            while (at < text.size() && is_bare_argument_char(text[at])) ++at;
            if (at == value) return std::nullopt;
            argument.value = std::string(text.substr(value, at - value));
            argument.bare = true;
        }
        if (at < text.size() && !is_ascii_space(text[at])) return std::nullopt;
        skip_blanks();
        arguments.push_back(std::move(argument));
    }
    return arguments;
}

std::optional<IncludeMarkup> parse_include_markup(std::string_view markup) {
    markup = strip(markup);
    std::size_t blank = 0;
    while (blank < markup.size() && !is_ascii_space(markup[blank])) ++blank;
    IncludeMarkup parsed{markup.substr(0, blank), {}};
    auto arguments = parse_include_arguments(markup.substr(blank));
    if (!arguments) return std::nullopt;
    parsed.arguments = std::move(*arguments);
    return parsed;
}

// IncludeTag's VALID_FILENAME_CHARS and INVALID_SEQUENCES.
bool is_valid_include_file(std::string_view file) {
    auto allowed = [](char c) {
        return is_word_or_dash(c) || c == '/' || c == '.' || c == '(' || c == ')' || c == '+' || c == '~' ||
               c == '#' || c == '@';
    };
    if (file.empty() || !std::all_of(file.begin(), file.end(), allowed)) return false;
    for (std::size_t at = 0; at + 1 < file.size(); ++at) {
        const bool separator = file[at] == '.' || file[at] == '/';
        const bool next_separator = file[at + 1] == '.' || file[at + 1] == '/';
        if (separator && next_separator) return false;
    }
    return true;
}

bool has_extension(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return path.find('.', slash == npos ? 0 : slash + 1) != npos;
}

// Calls are named as Hugo names shortcodes: `figure.html` is the call
// `figure`; a file with another extension keeps its full name (`note.md`),
// which the writer then writes as is. A file with no extension has no name
// the writer would give back.
std::optional<std::string> call_name_of_include(std::string_view file) {
    if (file.ends_with(include_extension)) {
        const std::string_view stem = file.substr(0, file.size() - include_extension.size());
        if (!stem.empty() && !stem.ends_with('/') && !has_extension(stem)) return std::string(stem);
    }
    if (has_extension(file)) return std::string(file);
    return std::nullopt;
}

std::string include_file_of_call(std::string_view name) {
    return has_extension(name) ? std::string(name) : std::string(name) + std::string(include_extension);
}

bool is_include_argument_name(std::string_view name) { return all_of(name, is_word_or_dash); }

// `_0`, `_1`, …: how the writer passes Hugo's positional parameters.
std::string positional_argument_name(std::size_t position) { return "_" + std::to_string(position); }

bool is_capture_variable(std::string_view variable, std::string_view prefix) {
    return variable.starts_with(prefix) && all_of(variable.substr(prefix.size()), is_digit);
}

bool is_postport_capture(std::string_view variable) {
    return is_capture_variable(variable, inner_capture_prefix) ||
           is_capture_variable(variable, param_capture_prefix);
}

// `\d+-\d+-\d+-`
bool starts_with_post_date(std::string_view name) {
    for (int part = 0; part < 3; ++part) {
        std::size_t digits = 0;
        while (digits < name.size() && is_digit(name[digits])) ++digits;
        if (digits == 0 || digits >= name.size() || name[digits] != '-') return false;
        name.remove_prefix(digits + 1);
    }
    return true;
}

// What post_url accepts (PostComparer::MATCHER, ^(.+/)*(\d+-\d+-\d+)-(.*)$):
// a dated name, in folders or not.
bool is_post_id(std::string_view id) {
    if (id.starts_with('/')) id.remove_prefix(1);
    if (id.empty() || contains(id, "\n")) return false;
    for (std::size_t start = 0;;) {
        if (starts_with_post_date(id.substr(start))) return true;
        const std::size_t slash = id.find('/', start);
        if (slash == npos) return false;
        start = slash + 1;
    }
}

// A variable path Liquid's strict parser takes: `a.b-c.d`, each part an
// identifier ([a-zA-Z_][\w-]*).
bool is_variable_path(std::string_view key) {
    if (key.empty()) return false;
    for (std::size_t start = 0; start <= key.size();) {
        std::size_t dot = key.find('.', start);
        if (dot == npos) dot = key.size();
        const std::string_view part = key.substr(start, dot - start);
        if (part.empty() || is_digit(part[0]) || part[0] == '-' || !all_of(part, is_word_or_dash)) return false;
        start = dot + 1;
    }
    return true;
}

// page.* variables Jekyll computes: not front matter, so not Hugo params.
bool is_computed_page_variable(std::string_view key) {
    const std::string_view first = key.substr(0, key.find('.'));
    for (std::string_view computed : {"content", "excerpt", "url", "id", "dir", "name", "path", "next",
                                      "previous", "collection", "output", "relative_path", "ext"})
        if (first == computed) return true;
    return false;
}

std::optional<std::string_view> after_prefix(std::string_view text, std::string_view prefix) {
    if (!text.starts_with(prefix)) return std::nullopt;
    return text.substr(prefix.size());
}

constexpr std::string_view page_prefix = "page.";
constexpr std::string_view site_params_prefix = "site.params.";

// A site-relative URL as a string literal through `relative_url`: the URL
// (the converted site's base path is the source's; postport keeps it in config).
std::optional<std::string_view> relative_url_literal(std::string_view markup) {
    const std::size_t bar = markup.find('|');
    if (bar == npos || strip(markup.substr(bar + 1)) != "relative_url") return std::nullopt;
    return string_literal(markup.substr(0, bar));
}

// `site.KEY` (not site.params.*): the key of a site setting.
std::optional<std::string> site_key_of_output(std::string_view markup) {
    markup = strip(markup);
    if (!markup.starts_with("site.") || markup.starts_with("site.params.")) return std::nullopt;
    const std::string_view key = markup.substr(5);
    if (!is_variable_path(key) || key.find('.') != npos) return std::nullopt;
    return std::string(key);
}

// `page.KEY`, `site.params.KEY`, `page.KEY | default: site.params.KEY`: the
// key of a Hugo-style param lookup.
std::optional<std::string> param_key_of_output(std::string_view markup) {
    markup = strip(markup);
    if (auto key = after_prefix(markup, site_params_prefix); key && is_variable_path(*key)) return std::string(*key);
    auto rest = after_prefix(markup, page_prefix);
    if (!rest) return std::nullopt;
    const std::size_t bar = rest->find('|');
    const std::string_view key = strip(rest->substr(0, bar));
    if (!is_variable_path(key)) return std::nullopt;
    if (bar == npos) {
        if (is_computed_page_variable(key)) return std::nullopt;
        return std::string(key);
    }
    auto filter = after_prefix(strip(rest->substr(bar + 1)), "default");
    if (!filter) return std::nullopt;
    auto fallback = after_prefix(strip(*filter), ":");
    if (!fallback || strip(*fallback) != std::string(site_params_prefix) + std::string(key)) return std::nullopt;
    return std::string(key);
}

// Tags of Liquid 5.4 and Jekyll 4.3 (and their end and branch tags): kept
// verbatim as Liquid; any other name is a plugin Jekyll does not have.
bool is_known_tag(std::string_view name) {
    if (name.starts_with("end")) name.remove_prefix(3);
    for (std::string_view known : {"assign", "break", "capture", "case", "when", "else", "elsif", "comment",
                                   "continue", "cycle", "decrement", "echo", "for", "if", "ifchanged", "include",
                                   "increment", "liquid", "raw", "render", "tablerow", "unless", "highlight",
                                   "include_relative", "link", "post_url"})
        if (name == known) return true;
    return false;
}

// Blocks the reader reads whole, so that an end tag alone is a stray one.
bool is_structural_end_tag(std::string_view name) {
    return name == "endraw" || name == "endcomment" || name == "endhighlight";
}

// --- Where a Hugo link goes on the Jekyll side ---------------------------------

// `a/./b/../c` -> `a/c`; nullopt if it climbs out of the root.
std::optional<std::string> normalized_path(std::string_view path) {
    std::vector<std::string> parts;
    for (std::string& part : split_path(path)) {
        if (part == ".") continue;
        if (part == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
            continue;
        }
        parts.push_back(std::move(part));
    }
    return join_path(parts);
}

std::string_view without_extension(std::string_view path) {
    return has_extension(path) ? path.substr(0, path.rfind('.')) : path;
}

// How Hugo names a page in ref/relref: the path below content/, without the
// extension, a bundle (`x/index.md`, `x/_index.md`) by its folder.
std::string content_key(std::string_view path) {
    if (path.starts_with(content_folder)) path.remove_prefix(content_folder.size());
    std::string key(without_extension(path));
    for (std::string_view index : {"index", "_index"}) {
        if (key == index) return "";
        const std::string suffix = "/" + std::string(index);
        if (key.ends_with(suffix)) return key.substr(0, key.size() - suffix.size());
    }
    return key;
}

std::string_view folder_of(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == npos ? std::string_view() : path.substr(0, slash);
}

std::string_view last_part(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == npos ? path : path.substr(slash + 1);
}

struct Resolution {
    std::optional<SiteEntry> entry;
    bool ambiguous = false;
};

void content_key_of(std::string_view path, std::vector<std::string>& keys) { keys.push_back(content_key(path)); }

// A page's content key without its folders: what a bare ref name matches.
void bare_name_of(std::string_view path, std::vector<std::string>& keys) {
    keys.emplace_back(last_part(content_key(path)));
}

// A Hugo ref target (`post/x.md`, `/post/x`, `x.md`, `../y`) among the site's
// Hugo source paths: from the page's own folder, then from content/, then a
// bare name by unique file name.
Resolution resolve_hugo_target(const SiteIndex& site, std::string_view target, std::string_view own_hugo_path) {
    const bool absolute = target.starts_with('/');
    if (!absolute && !own_hugo_path.empty()) {
        const std::string_view own_folder = folder_of(own_hugo_path);
        if (auto path = normalized_path(std::string(own_folder) + "/" + std::string(target)))
            if (auto entry = site.first_with_key(content_key_of, content_key(*path))) return {entry};
    }
    const auto path = normalized_path(target);
    if (!path || path->empty()) return {};
    if (auto entry = site.first_with_key(content_key_of, content_key(*path))) return {entry};
    if (absolute || contains(*path, "/")) return {};
    const std::vector<SiteEntry> named = site.with_key(bare_name_of, content_key(*path));
    if (named.size() > 1) return {std::nullopt, true};
    if (named.empty()) return {};
    return {named.front()};
}

// The post_url id of a Jekyll post path (`_posts/sub/2021-09-27-x.md` ->
// `sub/2021-09-27-x`, `en/_posts/2021-09-27-x.md` -> `en/2021-09-27-x`), if
// post_url can name it.
std::optional<std::string> post_id_of(std::string_view path) {
    std::size_t folder = npos;
    if (path.starts_with(posts_folder)) {
        folder = 0;
    } else if (const std::size_t inner = path.find("/" + std::string(posts_folder)); inner != npos) {
        folder = inner + 1;
    }
    if (folder == npos) return std::nullopt;
    const std::string_view prefix = path.substr(0, folder);
    const std::string_view rest = path.substr(folder + posts_folder.size());
    // post_url finds `_posts/PATH/NAME` and `PATH/_posts/NAME`, not both.
    if (!prefix.empty() && contains(rest, "/")) return std::nullopt;
    if (!has_extension(rest) || !starts_with_post_date(last_part(rest))) return std::nullopt;
    return std::string(prefix) + std::string(without_extension(rest));
}

// --- Lines --------------------------------------------------------------------

// File lines of body offsets.
class LineIndex {
public:
    LineIndex(std::string_view text, int first_line) : first_line_(first_line) {
        for (std::size_t at = text.find('\n'); at != npos; at = text.find('\n', at + 1)) breaks_.push_back(at);
    }

    [[nodiscard]] int at(std::size_t offset) const {
        const auto before = std::lower_bound(breaks_.begin(), breaks_.end(), offset) - breaks_.begin();
        return first_line_ + static_cast<int>(before);
    }

private:
    int first_line_;
    std::vector<std::size_t> breaks_;
};

// --- The reader ---------------------------------------------------------------

// Why a construct is kept as written.
struct Refusal {
    WarningKind kind;
    std::string message;
};

class LiquidBodyReader {
public:
    LiquidBodyReader(std::string_view body, const BodyContext& context)
        : body_(body), context_(context), lines_(body, context.first_line) {
        if (context.excerpt_separator != jekyll_default_separator) separator_ = context.excerpt_separator;
    }

    Body read(Warnings& warnings) {
        Level top;
        read_into(top, 0, {});
        warnings.append(top.warnings);
        return std::move(top.nodes);
    }

private:
    // One level of nesting: its nodes, and warnings that count only if the
    // level is kept (a block whose end tag never comes is read again as text
    // after its opening tag).
    struct Level {
        std::vector<BodyNode> nodes;
        Warnings warnings;
        std::size_t end = 0;      // where the last node ends
        int depth = 0;
        bool in_comment = false;
    };

    // A block read up to its end tag.
    struct Block {
        Level level;
        std::size_t content_end = 0;  // where the end tag begins
        std::size_t end = 0;          // where it ends
        bool end_trims = false;
    };

    [[nodiscard]] std::string_view text_of(const Token& token) const {
        return body_.substr(token.begin, token.end - token.begin);
    }

    // Reads nodes from `pos` into `level` up to the tag named `terminator`;
    // returns that tag's token, or nullopt at the end of the body.
    std::optional<Token> read_into(Level& level, std::size_t pos, std::string_view terminator) {
        level.end = pos;
        while (pos < body_.size()) {
            const Token token = next_token(body_, pos);
            switch (token.kind) {
                case TokenKind::Text: add_text(level, token.begin, token.end); pos = token.end; break;
                case TokenKind::Opener:
                    add_raw(level, token, {WarningKind::MalformedTemplate,
                                           quoted(text_of(token)) + " is never closed by `" +
                                               (body_[token.begin + 1] == '%' ? "%}" : "}}") + "`" +
                                               std::string(jekyll_refuses)});
                    pos = token.end;
                    break;
                case TokenKind::Output: pos = read_output(level, token); break;
                case TokenKind::Tag: {
                    const auto parts = parse_tag(text_of(token));
                    if (parts && !terminator.empty() && parts->name == terminator) return token;
                    pos = parts ? read_tag(level, token, *parts) : keep_malformed_tag(level, token);
                    break;
                }
            }
        }
        return std::nullopt;
    }

    // The block whose content starts at `pos`, through the tag `terminator`.
    std::optional<Block> read_block(const Level& parent, std::size_t pos, std::string_view terminator) {
        if (parent.depth + 1 >= max_depth || unclosed_.contains(pos)) return std::nullopt;
        Block block;
        block.level.depth = parent.depth + 1;
        block.level.in_comment = parent.in_comment || terminator == "endcomment";
        const auto end_tag = read_into(block.level, pos, terminator);
        if (!end_tag) {
            // Whether a block closes depends only on where it starts: remember,
            // so that nested unclosed blocks are not read again and again.
            unclosed_.insert(pos);
            return std::nullopt;
        }
        block.content_end = end_tag->begin;
        block.end = end_tag->end;
        block.end_trims = parse_tag(text_of(*end_tag))->trims;
        return block;
    }

    std::size_t read_tag(Level& level, const Token& token, const TagParts& parts) {
        const std::string_view name = parts.name;
        if (name == "raw") return read_raw(level, token, parts);
        if (name == "comment") return read_comment(level, token, parts);
        if (name == "#") return read_inline_comment(level, token, parts);
        if (name == "highlight") return read_highlight(level, token, parts);
        if (name == call::post_url || name == call::link) return read_link(level, token, parts);
        if (name == "include") return read_include(level, token, parts);
        if (name == "capture" && is_postport_capture(strip(parts.markup)))
            if (auto end = read_call_with_captures(level, token)) return *end;
        return keep_tag(level, token, parts);
    }

    std::size_t keep_tag(Level& level, const Token& token, const TagParts& parts) {
        if (is_structural_end_tag(parts.name)) {
            add_raw(level, token, {WarningKind::MalformedTemplate,
                                   quoted(text_of(token)) + " has no opening tag" + std::string(jekyll_refuses)});
        } else if (is_known_tag(parts.name)) {
            add_raw(level, token,
                    {WarningKind::UnknownTemplate, "Liquid " + quoted(text_of(token)) + std::string(hugo_does_not_run_liquid)});
        } else {
            add_raw(level, token,
                    {WarningKind::UnknownTemplate, "unknown Liquid tag " + quoted(text_of(token)) +
                                                       " (a Jekyll plugin?)" + std::string(hugo_does_not_run_liquid)});
        }
        return token.end;
    }

    std::size_t keep_malformed_tag(Level& level, const Token& token) {
        add_raw(level, token, {WarningKind::MalformedTemplate,
                               quoted(text_of(token)) + " is not a Liquid tag" + std::string(jekyll_refuses)});
        return token.end;
    }

    // Raw of the opening tag of a block that never ends (or nests too deep);
    // the rest is read on.
    std::size_t keep_unclosed(Level& level, const Token& token, std::string_view end_tag) {
        const std::string why = level.depth + 1 >= max_depth
                                    ? " nests blocks deeper than Liquid allows (" + std::to_string(max_depth) + ")"
                                    : " is never closed by `{% " + std::string(end_tag) + " %}`";
        return add_raw(level, token, {WarningKind::MalformedTemplate, quoted(text_of(token)) + why +
                                                                          std::string(jekyll_refuses)});
    }

    std::size_t read_raw(Level& level, const Token& token, const TagParts& parts) {
        if (!is_blank(parts.markup))
            return add_raw(level, token, {WarningKind::MalformedTemplate,
                                          quoted(text_of(token)) + ": `raw` takes no arguments" +
                                              std::string(jekyll_refuses)});
        for (std::size_t pos = token.end; pos < body_.size();) {
            const Token inside = next_token(body_, pos);
            if (auto close = endraw_in(text_of(inside))) {
                BodyNode literal = make_node(BodyNode::Kind::Literal, token.begin);
                literal.text = std::string(body_.substr(token.end, inside.begin + *close - token.end));
                // `-%}` on the opening tag strips the text after `{% endraw %}`.
                if (parts.trims) warn_trims(level, literal.line, text_of(token));
                add(level, std::move(literal), inside.end);
                return inside.end;
            }
            pos = inside.end;
        }
        return keep_unclosed(level, token, "endraw");
    }

    // Liquid 5.4 parses a comment's content (so it must be valid Liquid) and
    // drops it. The Comment holds the text it says: raw blocks as what they
    // print, the rest as written.
    std::size_t read_comment(Level& level, const Token& token, const TagParts& parts) {
        auto block = read_block(level, token.end, "endcomment");
        if (!block) return keep_unclosed(level, token, "endcomment");
        BodyNode comment = make_node(BodyNode::Kind::Comment, token.begin);
        comment.text = printed_text(block->level.nodes, block->content_end);
        level.warnings.append(block->level.warnings);
        if (parts.trims || block->end_trims) warn_trims(level, comment.line, text_of(token));
        add(level, std::move(comment), block->end);
        return block->end;
    }

    std::size_t read_inline_comment(Level& level, const Token& token, const TagParts& parts) {
        // InlineComment: every line of a multi-line comment starts with `#`.
        for (std::size_t at = parts.markup.find('\n'); at != npos; at = parts.markup.find('\n', at + 1)) {
            std::size_t next = at + 1;
            while (next < parts.markup.size() && is_ascii_space(parts.markup[next])) ++next;
            if (next < parts.markup.size() && parts.markup[next] != '#')
                return add_raw(level, token, {WarningKind::MalformedTemplate,
                                              quoted(text_of(token)) + ": each line of a `{% # %}` comment must "
                                                                       "start with `#`" +
                                                  std::string(jekyll_refuses)});
        }
        BodyNode comment = make_node(BodyNode::Kind::Comment, token.begin);
        comment.text = std::string(strip(parts.markup));
        if (parts.trims) warn_trims(level, comment.line, text_of(token));
        add(level, std::move(comment), token.end);
        return token.end;
    }

    std::size_t read_highlight(Level& level, const Token& token, const TagParts& parts) {
        const auto markup = parse_highlight_markup(parts.markup);
        if (!markup)
            return add_raw(level, token, {WarningKind::MalformedTemplate,
                                          quoted(text_of(token)) +
                                              ": highlight takes `LANG [linenos] [mark_lines=\"1 2\"]`" +
                                              std::string(jekyll_refuses)});
        auto block = read_block(level, token.end, "endhighlight");
        if (!block) return keep_unclosed(level, token, "endhighlight");
        BodyNode call = make_node(BodyNode::Kind::Call, token.begin);
        call.name = std::string(call::highlight);
        call.parameters.push_back({"", Value(std::string(markup->language))});
        if (std::string options = hugo_highlight_options(markup->options); !options.empty())
            call.parameters.push_back({"", Value(std::move(options))});
        call.inner = std::move(block->level.nodes);
        level.warnings.append(block->level.warnings);
        if (parts.trims || block->end_trims) warn_trims(level, call.line, text_of(token));
        add(level, std::move(call), block->end);
        return block->end;
    }

    std::size_t read_link(Level& level, const Token& token, const TagParts& parts) {
        const std::string_view target = strip(parts.markup);
        if (parts.name == call::post_url && !is_post_id(target))
            return add_raw(level, token, {WarningKind::MalformedTemplate,
                                          quoted(text_of(token)) + " does not name a post "
                                                                   "(`[folder/]YYYY-MM-DD-name`)" +
                                              std::string(jekyll_refuses)});
        if (target.empty())
            return add_raw(level, token, {WarningKind::MalformedTemplate,
                                          quoted(text_of(token)) + " names no file" + std::string(jekyll_refuses)});
        if (contains(target, "{{") || contains(target, "{%"))
            return add_raw(level, token, {WarningKind::UnknownTemplate,
                                          "Liquid " + quoted(text_of(token)) + " with a computed target" +
                                              std::string(hugo_does_not_run_liquid)});
        BodyNode call = make_node(BodyNode::Kind::Call, token.begin);
        call.name = std::string(parts.name);
        call.parameters.push_back({"", Value(std::string(target))});
        if (parts.trims) warn_trims(level, call.line, text_of(token));
        add(level, std::move(call), token.end);
        return token.end;
    }

    std::size_t read_output(Level& level, const Token& token) {
        const auto parts = parse_output(text_of(token));
        if (!parts)
            return add_raw(level, token, {WarningKind::MalformedTemplate,
                                          quoted(text_of(token)) + " is not closed by `}}`" +
                                              std::string(jekyll_refuses)});
        // `{{ "{" }}` is how the writer prints a `{` that would join the next tag.
        auto printed = string_literal(parts->markup);
        if (!printed) printed = relative_url_literal(parts->markup);
        if (printed && !parts->trims) {
            BodyNode text = make_node(BodyNode::Kind::Text, token.begin);
            text.text = std::string(*printed);
            add(level, std::move(text), token.end);
            return token.end;
        }
        if (auto site_key = site_key_of_output(parts->markup); site_key && !parts->trims) {
            BodyNode call = make_node(BodyNode::Kind::Call, token.begin);
            call.name = std::string(call::site);
            call.parameters.push_back({"", Value(std::move(*site_key))});
            add(level, std::move(call), token.end);
            return token.end;
        }
        auto key = param_key_of_output(parts->markup);
        if (!key)
            return add_raw(level, token, {WarningKind::UnknownTemplate,
                                          "Liquid " + quoted(text_of(token)) + std::string(hugo_does_not_run_liquid)});
        BodyNode call = make_node(BodyNode::Kind::Call, token.begin);
        call.name = std::string(call::param);
        call.parameters.push_back({"", Value(std::move(*key))});
        if (parts->trims) warn_trims(level, call.line, text_of(token));
        add(level, std::move(call), token.end);
        return token.end;
    }

    // --- Includes and the writer's captures ---

    struct Capture {
        std::string variable;
        Block block;
        bool used = false;
    };

    std::size_t read_include(Level& level, const Token& token, const TagParts& parts) {
        std::vector<Capture> no_captures;
        auto call = include_call(token, parts, no_captures);
        if (auto* refusal = std::get_if<Refusal>(&call)) return add_raw(level, token, std::move(*refusal));
        BodyNode& node = std::get<BodyNode>(call);
        if (parts.trims) warn_trims(level, node.line, text_of(token));
        add(level, std::move(node), token.end);
        return token.end;
    }

    // `{% capture postport_… %}…{% endcapture %}` blocks right before the
    // include that uses each of them once: one Call. Returns where reading
    // goes on, or nullopt if this is not that pattern.
    std::optional<std::size_t> read_call_with_captures(Level& level, const Token& first) {
        std::vector<Capture> captures;
        Token token = first;
        std::optional<TagParts> parts = parse_tag(text_of(token));
        while (parts->name == "capture") {
            const std::string_view variable = strip(parts->markup);
            if (!is_postport_capture(variable)) return std::nullopt;
            auto block = read_block(level, token.end, "endcapture");
            if (!block || block->end >= body_.size()) return std::nullopt;
            captures.push_back(Capture{std::string(variable), std::move(*block)});
            token = next_token(body_, captures.back().block.end);
            if (token.kind != TokenKind::Tag) return std::nullopt;
            parts = parse_tag(text_of(token));
            if (!parts) return std::nullopt;
        }
        if (parts->name != "include") return std::nullopt;
        auto call = include_call(token, *parts, captures);
        auto* node = std::get_if<BodyNode>(&call);
        if (node == nullptr) return std::nullopt;
        for (const Capture& capture : captures) level.warnings.append(capture.block.level.warnings);
        node->offset = first.begin;
        node->line = lines_.at(first.begin);
        add(level, std::move(*node), token.end);
        return token.end;
    }

    std::variant<BodyNode, Refusal> include_call(const Token& token, const TagParts& parts,
                                                 std::vector<Capture>& captures) {
        const std::string shown = quoted(text_of(token));
        // IncludeTag::VARIABLE_SYNTAX: a file name computed by Liquid.
        if (contains(parts.markup, "{{"))
            return Refusal{WarningKind::UnknownTemplate,
                           "Liquid " + shown + " with a computed file name" + std::string(hugo_does_not_run_liquid)};
        const auto markup = parse_include_markup(parts.markup);
        if (!markup)
            return Refusal{WarningKind::MalformedTemplate,
                           shown + ": include takes `FILE name=\"value\" …`" + std::string(jekyll_refuses)};
        if (!is_valid_include_file(markup->file))
            return Refusal{WarningKind::MalformedTemplate,
                           shown + ": the file name has characters Jekyll refuses" + std::string(jekyll_refuses)};
        auto name = call_name_of_include(markup->file);
        if (!name)
            return Refusal{WarningKind::UnknownTemplate, "include of a file without extension " + shown +
                                                             std::string(hugo_does_not_run_liquid)};
        BodyNode call = make_node(BodyNode::Kind::Call, token.begin);
        call.name = std::move(*name);
        std::size_t position = 0;
        for (const IncludeArgument& argument : markup->arguments) {
            Capture* capture = argument.bare ? find_capture(captures, argument.value) : nullptr;
            if (capture != nullptr && is_capture_variable(capture->variable, inner_capture_prefix)) {
                if (argument.name != inner_argument || call.inner) return foreign_captures(shown);
                capture->used = true;
                call.inner = std::move(capture->block.level.nodes);
                continue;
            }
            auto value = argument_value(argument, capture, shown);
            if (auto* refusal = std::get_if<Refusal>(&value)) return std::move(*refusal);
            const bool positional = argument.name == positional_argument_name(position);
            if (positional) ++position;
            call.parameters.push_back({positional ? std::string() : argument.name, std::get<Value>(std::move(value))});
        }
        const bool all_used = std::all_of(captures.begin(), captures.end(), [](const Capture& c) { return c.used; });
        if (!all_used) return foreign_captures(shown);
        return call;
    }

    // The value of one argument; a capture it names is used up.
    static std::variant<Value, Refusal> argument_value(const IncludeArgument& argument, Capture* capture,
                                                       const std::string& shown) {
        if (!argument.bare) return Value(argument.value);
        if (auto literal = liquid_literal(argument.value)) return std::move(*literal);
        if (capture != nullptr) {
            capture->used = true;
            if (auto value = captured_value(capture->block)) return std::move(*value);
            return foreign_captures(shown);
        }
        return Refusal{WarningKind::UnknownTemplate, "Liquid " + shown + " passes the variable `" + argument.value +
                                                         "`" + std::string(hugo_does_not_run_liquid)};
    }

    static Refusal foreign_captures(const std::string& shown) {
        return Refusal{WarningKind::UnknownTemplate, "Liquid " + shown + " uses captures the writer did not write" +
                                                         std::string(hugo_does_not_run_liquid)};
    }

    static Capture* find_capture(std::vector<Capture>& captures, std::string_view variable) {
        for (Capture& capture : captures)
            if (capture.variable == variable && !capture.used) return &capture;
        return nullptr;
    }

    // What Liquid makes of a bare include value, when it is a constant.
    static std::optional<Value> liquid_literal(std::string_view text) {
        if (text == "true" || text == "false") return Value(text == "true");
        const std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
        if (all_of(digits, is_digit)) {
            if (auto number = parse_whole_number<std::int64_t>(text)) return Value(*number);
            return std::nullopt;
        }
        const std::size_t dot = digits.find('.');
        if (dot != npos && all_of(digits.substr(0, dot), is_digit) && all_of(digits.substr(dot + 1), is_digit))
            if (auto number = parse_whole_number<double>(text)) return Value(*number);
        return std::nullopt;
    }

    // A parameter capture holds text only (the writer's raw blocks).
    static std::optional<Value> captured_value(const Block& block) {
        std::string value;
        for (const BodyNode& node : block.level.nodes) {
            if (node.kind != BodyNode::Kind::Text && node.kind != BodyNode::Kind::Literal) return std::nullopt;
            value += node.text;
        }
        return Value(std::move(value));
    }

    // --- Nodes ---

    BodyNode make_node(BodyNode::Kind kind, std::size_t offset) const {
        BodyNode node;
        node.kind = kind;
        node.offset = offset;
        node.line = lines_.at(offset);
        return node;
    }

    // What `nodes` print, read as text: Text and Literal as their text, the
    // rest as written (up to `end`, where the last node stops).
    std::string printed_text(const std::vector<BodyNode>& nodes, std::size_t end) const {
        std::string text;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const BodyNode& node = nodes[i];
            const std::size_t node_end = i + 1 < nodes.size() ? nodes[i + 1].offset : end;
            if (node.kind == BodyNode::Kind::Text || node.kind == BodyNode::Kind::Literal) {
                text += node.text;
            } else {
                text += body_.substr(node.offset, node_end - node.offset);
            }
        }
        return text;
    }

    // Adds a node that ends at `end`. Text joins the Text right before it;
    // a Literal joins the Literal right before it where the writer split one
    // (`…{%` then ` endraw…`: text a raw block cannot hold whole) or where it
    // is empty (the writer's separator).
    void add(Level& level, BodyNode node, std::size_t end) {
        if (!level.nodes.empty() && level.end == node.offset && level.nodes.back().kind == node.kind) {
            BodyNode& previous = level.nodes.back();
            const bool joins = node.kind == BodyNode::Kind::Text ||
                               (node.kind == BodyNode::Kind::Literal &&
                                (node.text.empty() || (previous.text.ends_with("{%") &&
                                                       find_endraw_marker("{%" + node.text) == 0)));
            if (joins) {
                previous.text += node.text;
                level.end = end;
                return;
            }
        }
        level.nodes.push_back(std::move(node));
        level.end = end;
    }

    void add_text(Level& level, std::size_t begin, std::size_t end) {
        std::size_t pos = begin;
        if (level.depth == 0 && !separator_.empty()) {
            const std::string_view text = body_.substr(0, end);
            for (std::size_t at = text.find(separator_, pos); at != npos; at = text.find(separator_, pos)) {
                add_plain_text(level, pos, at);
                BodyNode divider = make_node(BodyNode::Kind::SummaryDivider, at);
                divider.text = separator_;
                add(level, std::move(divider), at + separator_.size());
                pos = at + separator_.size();
            }
        }
        add_plain_text(level, pos, end);
    }

    void add_plain_text(Level& level, std::size_t begin, std::size_t end) {
        if (end <= begin) return;
        BodyNode text = make_node(BodyNode::Kind::Text, begin);
        text.text = std::string(body_.substr(begin, end - begin));
        add(level, std::move(text), end);
    }

    std::size_t add_raw(Level& level, const Token& token, Refusal why) {
        BodyNode raw = make_node(BodyNode::Kind::Raw, token.begin);
        raw.text = std::string(text_of(token));
        raw.origin = std::string(jekyll_origin);
        warn(level, raw.line, why.kind, std::move(why.message));
        add(level, std::move(raw), token.end);
        return token.end;
    }

    void warn_trims(Level& level, int line, std::string_view tag) {
        warn(level, line, WarningKind::UnknownTemplate,
             "the whitespace control (`-`) of " + quoted(tag) +
                 " is not carried over: the whitespace it strips is kept");
    }

    // In a comment, Liquid ignores tags it does not know (but still refuses
    // what it cannot parse).
    void warn(Level& level, int line, WarningKind kind, std::string message) {
        if (level.in_comment && kind == WarningKind::UnknownTemplate) return;
        level.warnings.add(kind, SourceLocation{context_.display_path, line, 0}, std::move(message));
    }

    std::string_view body_;
    const BodyContext& context_;
    LineIndex lines_;
    std::string separator_;            // a custom excerpt separator, or empty
    std::set<std::size_t> unclosed_;   // where blocks start that never end
};

// --- The writer ---------------------------------------------------------------

// An include argument value written `"…"` or `'…'` reads back unchanged
// unless it has both quotes or a backslash (Jekyll unescapes `\"`), a line
// break, Liquid markup, or `%}` (which would end the tag).
bool needs_capture(std::string_view value) {
    return (contains(value, "\"") && contains(value, "'")) || contains(value, "\\") || contains(value, "\n") ||
           contains(value, "{{") || contains(value, "{%") || contains(value, "%}");
}

// Hugo's hl_lines ("1 3-5") as Jekyll's mark_lines ("1 3 4 5").
std::optional<std::string> marked_lines(std::string_view ranges) {
    std::string out;
    std::int64_t count = 0;
    for (std::string_view range : words_of(ranges)) {
        const std::size_t dash = range.find('-');
        const auto first = parse_whole_number<std::int64_t>(range.substr(0, dash));
        const auto last = dash == npos ? first : parse_whole_number<std::int64_t>(range.substr(dash + 1));
        if (!first || !last || *first < 0 || *last < *first) return std::nullopt;
        count += *last - *first + 1;
        if (count > max_marked_lines) return std::nullopt;
        for (std::int64_t line = *first; line <= *last; ++line) {
            if (!out.empty()) out += ' ';
            out += std::to_string(line);
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

class LiquidBodyWriter {
public:
    LiquidBodyWriter(BodyContext& context, Warnings& warnings) : context_(context), warnings_(warnings) {}

    std::string write(const Body& body) {
        write_nodes(body);
        return std::move(out_);
    }

private:
    // Consecutive Text nodes are protected as one text, so that Liquid
    // constructs spanning them are seen.
    void write_nodes(const std::vector<BodyNode>& nodes) {
        std::string text;
        for (const BodyNode& node : nodes) {
            if (node.kind == BodyNode::Kind::Text) {
                text += node.text;
                continue;
            }
            write_text(text);
            text.clear();
            write_node(node);
        }
        write_text(text);
    }

    void write_node(const BodyNode& node) {
        switch (node.kind) {
            case BodyNode::Kind::Text: write_text(node.text); return;
            case BodyNode::Kind::Literal: write_literal(node.text); return;
            case BodyNode::Kind::SummaryDivider: emit_plain(summary_divider); return;
            case BodyNode::Kind::Comment:
                emit_markup("{% comment %}");
                write_text(node.text);
                emit_markup("{% endcomment %}");
                return;
            case BodyNode::Kind::Raw:
                if (node.origin == jekyll_origin) return emit_markup(node.text);
                return write_text(node.text);
            case BodyNode::Kind::Call: write_call(node); return;
        }
    }

    // --- Output, with Liquid's token boundaries kept where they were meant ---

    // Text Liquid reads as text: no `{{` or `{%` inside.
    void emit_plain(std::string_view text) {
        if (text.empty()) return;
        prepare_for(text.front());
        out_ += text;
        brace_pending_ = text.back() == '{';
        takes_brace_ = false;
    }

    // Liquid markup: tags, outputs, raw blocks, Raw nodes from Jekyll.
    void emit_markup(std::string_view markup) {
        if (markup.empty()) return;
        prepare_for(markup.front());
        out_ += markup;
        brace_pending_ = false;
        takes_brace_ = last_token_takes_brace(markup);
    }

    // Text ending in `{` followed by `{` or `%` would start a Liquid token
    // one byte early: that `{` is printed by an output instead. A `}` after
    // a raw block that ended inside an output token would join that token:
    // an empty raw block stands between.
    void prepare_for(char next) {
        if (brace_pending_ && (next == '{' || next == '%')) {
            out_.pop_back();
            out_ += "{{ \"{\" }}";
            brace_pending_ = false;
        }
        if (takes_brace_ && next == '}') {
            out_ += raw_open;
            out_ += raw_close;
            takes_brace_ = false;
        }
    }

    void emit_raw_block(std::string_view text) {
        emit_markup(std::string(raw_open) + std::string(text) + std::string(raw_close));
    }

    // Text printed exactly: plain where Liquid sees no construct, each run of
    // constructs in a raw block. Text a raw block cannot hold (`{%` blanks
    // `endraw`) is cut right after its `{%`, which then ends the raw block
    // with the `{% endraw %}` after it, and the rest is read as new text.
    void write_text(std::string_view text) {
        std::size_t pos = 0;
        while (pos < text.size()) {
            const Token token = next_token(text, pos);
            if (token.kind == TokenKind::Text) {
                emit_plain(text.substr(pos, token.end - pos));
                pos = token.end;
                continue;
            }
            std::size_t end = token.end;
            for (Token next = token; end < text.size(); end = next.end) {
                next = next_token(text, end);
                if (next.kind == TokenKind::Text) break;
            }
            const std::size_t marker = find_endraw_marker(text.substr(0, end), pos);
            if (marker != npos) end = marker + 2;
            emit_raw_block(text.substr(pos, end - pos));
            pos = end;
        }
    }

    // Text that must come back as one Literal: all of it in raw blocks, cut
    // as in write_text (the reader joins the pieces again).
    void write_literal(std::string_view text) {
        std::size_t pos = 0;
        do {
            const std::size_t marker = find_endraw_marker(text, pos);
            const std::size_t end = marker == npos ? text.size() : marker + 2;
            emit_raw_block(text.substr(pos, end - pos));
            pos = end;
        } while (pos < text.size());
    }

    // --- Calls ---

    void write_call(const BodyNode& call) {
        if (call.name == call::highlight) return write_highlight(call);
        if (call.name == call::post_url || call.name == call::link) return write_jekyll_link(call);
        if (call.name == call::ref || call.name == call::relref) return write_hugo_link(call);
        if (call.name == call::param) return write_param(call);
        if (call.name == call::site) return write_site(call);
        write_include(call);
    }

    static const std::string* string_parameter(const BodyNode& call, std::size_t position,
                                               std::string_view name = {}) {
        const Value* value = find_parameter(call, name, position);
        return value != nullptr && value->is_string() ? &value->as_string() : nullptr;
    }

    // A call with no Jekyll form: its Hugo spelling, printed as text.
    void write_as_text(const BodyNode& call, WarningKind kind, const std::string& why) {
        BodyContext scratch_context;
        Warnings scratch_warnings;
        const std::string hugo = write_hugo_body(Body{call}, scratch_context, scratch_warnings);
        warn(kind, call.line, quoted(hugo) + " " + why + "; written as text");
        write_text(hugo);
    }

    void write_highlight(const BodyNode& call) {
        const std::string* language = string_parameter(call, 0);
        std::string tag = "{% highlight ";
        if (language != nullptr && all_of(*language, is_language_char)) {
            tag += *language;
        } else {
            warn(WarningKind::UnrepresentableValue, call.line,
                 "highlight needs a language Jekyll accepts (letters, digits, `.+#_-`); written as `plaintext`");
            tag += "plaintext";
        }
        if (const std::string* options = string_parameter(call, 1)) tag += jekyll_highlight_options(*options, call.line);
        const std::size_t positional = static_cast<std::size_t>(
            std::count_if(call.parameters.begin(), call.parameters.end(), [](const CallParameter& p) { return p.name.empty(); }));
        if (positional > 2 || positional < call.parameters.size())
            warn(WarningKind::UnrepresentableValue, call.line,
                 "Jekyll's highlight takes a language and options only; the other parameters are dropped");
        emit_markup(tag + " %}");
        if (call.inner) write_nodes(*call.inner);
        emit_markup("{% endhighlight %}");
    }

    // Hugo's "linenos=table,hl_lines=1 3-5" as ` linenos mark_lines="1 3 4 5"`.
    // Jekyll refuses any other form, so what has none is dropped.
    std::string jekyll_highlight_options(std::string_view options, int line) {
        std::string linenos;
        std::string mark_lines;
        for (const std::string& option : split_options(options)) {
            const std::size_t equals = option.find('=');
            const std::string key = lower_ascii(strip(std::string_view(option).substr(0, equals)));
            const std::string_view value = equals == npos ? "" : strip(std::string_view(option).substr(equals + 1));
            const auto lines = key == "hl_lines" ? marked_lines(value) : std::nullopt;
            if (key == "linenos" && (value == "table" || value == "inline" || value == "true")) {
                linenos = " linenos";
            } else if (key == "linenos" && value == "false") {
                continue;
            } else if (lines) {
                mark_lines = " mark_lines=\"" + *lines + "\"";
            } else {
                warn(WarningKind::UnrepresentableValue, line,
                     "highlight option " + quoted(option) + " has no Jekyll form; dropped");
            }
        }
        return linenos + mark_lines;
    }

    static std::vector<std::string> split_options(std::string_view options) {
        std::vector<std::string> parts;
        for (std::size_t start = 0; start <= options.size();) {
            std::size_t comma = options.find(',', start);
            if (comma == npos) comma = options.size();
            if (!is_blank(options.substr(start, comma - start))) parts.emplace_back(strip(options.substr(start, comma - start)));
            start = comma + 1;
        }
        return parts;
    }

    void write_jekyll_link(const BodyNode& call) {
        const std::string* target = string_parameter(call, 0);
        const bool valid = target != nullptr && !target->empty() && !contains(*target, "{{") &&
                           !contains(*target, "{%") && !contains(*target, "%}") && !contains(*target, "\n") &&
                           (call.name != call::post_url || is_post_id(*target));
        if (!valid) return write_as_text(call, WarningKind::MalformedTemplate, "names no file Jekyll can link to");
        emit_markup("{% " + call.name + " " + *target + " %}");
    }

    // ref/relref name a Hugo page: the Jekyll tag names where it went.
    void write_hugo_link(const BodyNode& call) {
        const std::string* target = string_parameter(call, 0, "path");
        if (target == nullptr) return write_as_text(call, WarningKind::MalformedTemplate, "has no target");
        const std::size_t hash = target->find('#');
        const std::string_view path = std::string_view(*target).substr(0, hash);
        const std::string_view anchor = hash == npos ? std::string_view() : std::string_view(*target).substr(hash);
        if (path.empty()) return write_text(anchor);  // a link within the page
        if (context_.site == nullptr)
            return write_as_text(call, WarningKind::UnresolvedLink, "cannot be resolved without the site");
        const Resolution found = resolve_hugo_target(*context_.site, path, own_hugo_path());
        if (!found.entry)
            return write_as_text(call, WarningKind::UnresolvedLink,
                                 found.ambiguous ? "names several articles of the site" : "names no article of the site");
        const std::string jekyll_path(found.entry->target_path);
        if (auto id = post_id_of(jekyll_path)) {
            emit_markup("{% post_url " + *id + " %}");
        } else if (!contains(jekyll_path, "%}") && !contains(jekyll_path, "{{") && !contains(jekyll_path, "{%")) {
            emit_markup("{% link " + jekyll_path + " %}");
        } else {
            return write_as_text(call, WarningKind::UnresolvedLink, "goes to a path Jekyll's link cannot name");
        }
        write_text(anchor);
    }

    // The page's Hugo path, for relative targets: context.path is the
    // Jekyll side's, but a caller may give the Hugo one.
    [[nodiscard]] std::string own_hugo_path() const {
        if (context_.site == nullptr || context_.path.empty()) return {};
        if (auto entry = context_.site->by_target(context_.path)) return std::string(entry->source_path);
        if (context_.site->by_source(context_.path)) return context_.path;
        return {};
    }

    void write_param(const BodyNode& call) {
        const std::string* key = string_parameter(call, 0);
        if (key == nullptr || !is_variable_path(*key))
            return write_as_text(call, WarningKind::MalformedTemplate, "names no key Liquid can look up");
        emit_markup("{{ " + std::string(page_prefix) + *key + " | default: " + std::string(site_params_prefix) + *key +
                    " }}");
    }

    void write_site(const BodyNode& call) {
        const std::string* key = string_parameter(call, 0);
        if (key == nullptr || !is_variable_path(*key) || key->find('.') != npos)
            return write_as_text(call, WarningKind::MalformedTemplate, "names no site setting Liquid can look up");
        emit_markup("{{ site." + *key + " }}");
    }

    void write_include(const BodyNode& call) {
        const std::string file = include_file_of_call(call.name);
        if (!is_valid_include_file(file))
            return write_as_text(call, WarningKind::MalformedTemplate, "is not an include file name Jekyll accepts");
        note_template(call.name);
        std::string arguments;
        std::size_t position = 0;
        for (const CallParameter& parameter : call.parameters) {
            const std::string name = parameter.name.empty() ? positional_argument_name(position++) : parameter.name;
            if (!is_include_argument_name(name)) {
                warn(WarningKind::UnrepresentableValue, call.line,
                     "parameter name " + quoted(name) + " is not one Jekyll's include accepts (letters, digits, `_`, "
                                                        "`-`); dropped");
                continue;
            }
            if (call.inner && name == inner_argument) {
                warn(WarningKind::UnrepresentableValue, call.line,
                     "parameter `inner` of " + quoted(call.name) + " is dropped: the inner content is passed as `inner`");
                continue;
            }
            arguments += " " + name + "=" + argument_text(parameter.value, call.line);
        }
        if (call.inner) {
            const std::string variable = next_capture(inner_capture_prefix);
            emit_markup("{% capture " + variable + " %}");
            write_nodes(*call.inner);
            emit_markup("{% endcapture %}");
            arguments += " " + std::string(inner_argument) + "=" + variable;
        }
        emit_markup("{% include " + file + arguments + " %}");
    }

    // A value as an include argument: quoted, bare, or through a capture
    // written before the include.
    std::string argument_text(const Value& value, int line) {
        switch (value.type()) {
            case ValueType::Bool: return value.as_bool() ? "true" : "false";
            case ValueType::Integer: return std::to_string(value.as_integer());
            case ValueType::Float:
                if (auto text = fixed_float_text(value.as_float())) return *text;
                warn(WarningKind::UnrepresentableValue, line, "Liquid has no non-finite number; written as a string");
                return string_argument(std::isnan(value.as_float()) ? "NaN" : value.as_float() > 0 ? "Infinity" : "-Infinity");
            case ValueType::String: return string_argument(value.as_string());
            case ValueType::OffsetDateTime:
            case ValueType::LocalDateTime:
            case ValueType::LocalDate:
            case ValueType::LocalTime:
                warn(WarningKind::TypeChanged, line, "a date parameter is written as a string");
                return string_argument(format_datetime(value.as_datetime()));
            case ValueType::Null:
            case ValueType::Array:
            case ValueType::Table: break;
        }
        warn(WarningKind::UnrepresentableValue, line,
             "an include argument cannot hold a " + std::string(type_name(value.type())) +
                 "; written as an empty string");
        return "\"\"";
    }

    std::string string_argument(const std::string& text) {
        if (needs_capture(text)) {
            const std::string variable = next_capture(param_capture_prefix);
            emit_markup("{% capture " + variable + " %}");
            write_literal(text);
            emit_markup("{% endcapture %}");
            return variable;
        }
        const char quote = contains(text, "\"") ? '\'' : '"';
        return quote + text + quote;
    }

    std::string next_capture(std::string_view prefix) { return std::string(prefix) + std::to_string(++captures_); }

    void note_template(const std::string& name) {
        auto& used = context_.used_templates;
        if (std::find(used.begin(), used.end(), name) == used.end()) used.push_back(name);
    }

    void warn(WarningKind kind, int line, std::string message) {
        warnings_.add(kind, SourceLocation{context_.display_path, line, 0}, std::move(message));
    }

    BodyContext& context_;
    Warnings& warnings_;
    std::string out_;
    bool brace_pending_ = false;  // out_ ends with a `{` written as text
    bool takes_brace_ = false;    // out_'s last token would take a following `}`
    int captures_ = 0;
};

}  // namespace

Body read_liquid_body(std::string_view body, BodyContext& context, Warnings& warnings) {
    return LiquidBodyReader(body, context).read(warnings);
}

std::string write_liquid_body(const Body& body, BodyContext& context, Warnings& warnings) {
    return LiquidBodyWriter(context, warnings).write(body);
}

}  // namespace postport
