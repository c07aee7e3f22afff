#include "converters/hugo/shortcodes.h"
#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/codecs.h"

namespace postport {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::string_view hugo_origin = "hugo";

// --- Delimiters and character classes (Hugo's pagelexer_shortcode.go) --------

struct Delimiters {
    std::string_view open;
    std::string_view close;
};
constexpr Delimiters plain_delimiters{"{{<", ">}}"};
constexpr Delimiters markdown_delimiters{"{{%", "%}}"};
constexpr std::size_t delimiter_size = 3;

const Delimiters& delimiters_for(bool markdown) { return markdown ? markdown_delimiters : plain_delimiters; }

// The escape markers, touching the delimiters: `{{</* … */>}}`.
constexpr std::string_view escape_open = "/*";
constexpr std::string_view escape_close = "*/";

bool is_ascii_alphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Hugo's isAlphaNumeric: '_' and Unicode letters and digits. Without a Unicode
// table, every byte of a multi-byte UTF-8 sequence counts as a letter.
bool is_word_char(char c) {
    return is_ascii_alphanumeric(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// After a name's first character: '-' and '/' too (`blocks/x`).
bool is_name_char(char c) { return is_word_char(c) || c == '-' || c == '/'; }

// A bare positional value or a parameter name starts with a word character or
// '-' and goes on with those and '.'.
bool starts_bare(char c) { return is_word_char(c) || c == '-'; }
bool is_bare_char(char c) { return starts_bare(c) || c == '.'; }

// Offset of the next `{{<` or `{{%` at or after `from`.
std::size_t find_shortcode_open(std::string_view text, std::size_t from) {
    for (std::size_t at = text.find("{{", from); at != npos; at = text.find("{{", at + 1)) {
        if (at + 2 < text.size() && (text[at + 2] == '<' || text[at + 2] == '%')) return at;
    }
    return npos;
}

// Offset of the next `>}}` or `%}}` at or after `from`.
std::size_t find_shortcode_close(std::string_view text, std::size_t from) {
    return std::min(text.find(plain_delimiters.close, from), text.find(markdown_delimiters.close, from));
}

// --- Value typing (Hugo's Item.ValTyped) --------------------------------------

bool is_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string_view without_sign(std::string_view text) {
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
    return text;
}

bool looks_like_bool(std::string_view text) { return text == "true" || text == "false"; }

// [-+]?\d+
bool looks_like_integer(std::string_view text) { return is_digits(without_sign(text)); }

// [-+]?\d*\.\d+
bool looks_like_float(std::string_view text) {
    const std::string_view unsigned_text = without_sign(text);
    const std::size_t dot = unsigned_text.find('.');
    if (dot == npos) return false;
    const std::string_view whole = unsigned_text.substr(0, dot);
    return (whole.empty() || is_digits(whole)) && is_digits(unsigned_text.substr(dot + 1));
}

// from_chars takes no leading '+'; Go's strconv does.
std::string_view without_plus(std::string_view text) {
    if (!text.empty() && text[0] == '+') text.remove_prefix(1);
    return text;
}

// What Hugo makes of an unquoted value. A number out of range stays a
// string, as in Hugo (strconv fails and ValTyped returns the text).
Value typed_bare_value(std::string_view text) {
    if (looks_like_bool(text)) return Value(text == "true");
    if (looks_like_integer(text)) {
        if (auto number = parse_whole_number<std::int64_t>(without_plus(text))) return Value(*number);
    } else if (looks_like_float(text)) {
        if (auto number = parse_whole_number<double>(without_plus(text))) return Value(*number);
    }
    return Value(std::string(text));
}

// --- One shortcode tag --------------------------------------------------------

struct Tag {
    bool markdown = false;
    bool closing = false;       // {{< /name >}}
    bool self_closing = false;  // {{< name />}}
    std::string name;
    std::vector<CallParameter> parameters;
    std::size_t end = 0;  // one past the closing delimiter
};

// Why a tag is not one Hugo accepts, and where the lexer noticed.
struct TagSyntaxError {
    std::size_t at;
    std::string message;
    bool hugo_refuses = true;  // false: Hugo reads it, postport does not
};

std::string quoted_for_message(std::string_view text) { return "`" + std::string(text) + "`"; }

// Parses the tag whose `{{<` or `{{%` is at `begin` (and is not an escape).
// Throws TagSyntaxError; the reader turns that into a Raw node.
class TagParser {
public:
    TagParser(std::string_view body, std::size_t begin) : body_(body), pos_(begin + delimiter_size) {
        tag_.markdown = body[begin + 2] == '%';
    }

    Tag parse() {
        skip_space();
        if (peek() == '/') {
            tag_.closing = true;
            ++pos_;
            skip_space();
        }
        tag_.name = read_name();
        if (tag_.closing) {
            read_end_of_closing_tag();
        } else {
            read_parameters();
        }
        tag_.end = pos_;
        return std::move(tag_);
    }

private:
    [[nodiscard]] const Delimiters& delimiters() const { return delimiters_for(tag_.markdown); }
    [[nodiscard]] const Delimiters& other_delimiters() const { return delimiters_for(!tag_.markdown); }
    [[nodiscard]] bool at_end() const { return pos_ >= body_.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : body_[pos_]; }
    [[nodiscard]] bool at(std::string_view text) const { return body_.substr(pos_).starts_with(text); }
    [[nodiscard]] bool at_close() const { return at(delimiters().close); }

    void skip_space() {
        while (!at_end() && is_ascii_space(body_[pos_])) ++pos_;
    }

    [[noreturn]] static void fail(std::size_t at, std::string message) {
        throw TagSyntaxError{at, std::move(message)};
    }

    // The closing delimiter ends the tag; `pos_` must be at it.
    void consume_close() { pos_ += delimiter_size; }

    // Says what is wrong with the character at `pos_`, where something else
    // was expected.
    [[noreturn]] void fail_unexpected() const {
        if (at_end())
            fail(pos_, "unclosed shortcode: no " + quoted_for_message(delimiters().close) + " after " +
                           quoted_for_message(delimiters().open));
        if (at(other_delimiters().close))
            fail(pos_, "shortcode opened with " + quoted_for_message(delimiters().open) + " is closed with " +
                           quoted_for_message(other_delimiters().close) + "; the delimiters must match");
        if (find_shortcode_open(body_, pos_) == pos_)
            fail(pos_, "unclosed shortcode: another shortcode starts before " +
                           quoted_for_message(delimiters().close));
        fail(pos_, "unexpected " + quoted_for_message(body_.substr(pos_, 1)) + " in shortcode" +
                       (tag_.name.empty() ? std::string() : " " + quoted_for_message(tag_.name)) +
                       "; a value with characters other than letters, digits, `_`, `-` and `.` "
                       "must be quoted");
    }

    // A letter, digit or '_' first; then those, '-' and '/'; `.inline` last.
    std::string read_name() {
        const std::size_t start = pos_;
        if (at_close()) fail(pos_, "shortcode has no name");
        if (!is_word_char(peek())) {
            if (at_end() || at(other_delimiters().close) || at("{{")) fail_unexpected();
            fail(pos_, "bad shortcode name: it must start with a letter, digit or `_`");
        }
        while (!at_end() && is_name_char(body_[pos_])) ++pos_;
        if (peek() == '.') read_inline_suffix();
        const std::string_view name = body_.substr(start, pos_ - start);
        // Hugo reads `{{< x/>}}` as the name `x/`, which no template can have.
        if (name.back() == '/')
            fail(pos_, "bad shortcode name " + quoted_for_message(name) +
                           ": a self-closing tag needs a space before `/`");
        return std::string(name);
    }

    // Hugo allows a '.' only in `name.inline` followed by a space.
    void read_inline_suffix() {
        constexpr std::string_view suffix = ".inline";
        if (at(suffix) && pos_ + suffix.size() < body_.size() && is_ascii_space(body_[pos_ + suffix.size()])) {
            pos_ += suffix.size();
            return;
        }
        fail(pos_, "bad shortcode name: a `.` is only allowed in `NAME.inline`");
    }

    void read_end_of_closing_tag() {
        skip_space();
        if (at_close()) return consume_close();
        if (starts_bare(peek()) || peek() == '"' || peek() == '`')
            fail(pos_, "closing tag " + quoted_for_message("/" + tag_.name) + " takes no parameters");
        fail_unexpected();
    }

    void read_parameters() {
        enum class Style { None, Positional, Named } style = Style::None;
        while (true) {
            skip_space();
            if (at_close()) return consume_close();
            if (peek() == '/') return read_self_close();
            CallParameter parameter = read_parameter();
            const Style this_style = parameter.name.empty() ? Style::Positional : Style::Named;
            if (style != Style::None && style != this_style)
                fail(pos_,
                     "shortcode " + quoted_for_message(tag_.name) + " mixes named and positional parameters");
            style = this_style;
            tag_.parameters.push_back(std::move(parameter));
        }
    }

    void read_self_close() {
        ++pos_;
        skip_space();
        if (at_close()) {
            tag_.self_closing = true;
            return consume_close();
        }
        if (at_end() || at(other_delimiters().close) || at("{{")) fail_unexpected();
        fail(pos_, "`/` in shortcode " + quoted_for_message(tag_.name) + " must be followed by " +
                       quoted_for_message(delimiters().close) + " (a value with `/` must be quoted)");
    }

    CallParameter read_parameter() {
        const char first = peek();
        if (first == '"') return CallParameter{"", Value(read_quoted())};
        if (first == '`') return CallParameter{"", Value(read_raw_string())};
        if (!starts_bare(first)) fail_unexpected();
        const std::string word = read_bare_word();
        const std::size_t after_word = pos_;
        skip_space();
        if (peek() != '=') {
            pos_ = after_word;
            return CallParameter{"", typed_bare_value(word)};
        }
        ++pos_;
        skip_space();
        return CallParameter{word, read_named_value(word)};
    }

    std::string read_bare_word() {
        const std::size_t start = pos_;
        while (!at_end() && is_bare_char(body_[pos_])) ++pos_;
        return std::string(body_.substr(start, pos_ - start));
    }

    Value read_named_value(std::string_view name) {
        const char first = peek();
        if (first == '"') return Value(read_quoted());
        if (first == '`') return Value(read_raw_string());
        // Hugo also takes `k=\"v\"` (meant for shortcodes written from inside
        // Go templates); it is rare enough to keep as written.
        if (first == '\\')
            throw TagSyntaxError{
                pos_, "a value written " + quoted_for_message("\\\"…\\\"") + " is not supported", false};
        const std::size_t start = pos_;
        while (!at_end() && !is_ascii_space(body_[pos_]) && !at(plain_delimiters.close) &&
               !at(markdown_delimiters.close))
            ++pos_;
        if (pos_ == start) {
            if (at_close()) fail(pos_, "named parameter " + quoted_for_message(name) + " has no value");
            fail_unexpected();
        }
        return typed_bare_value(body_.substr(start, pos_ - start));
    }

    // "…" with \" for a quote, on one line. As in Hugo, a value with an
    // escaped quote loses all its backslashes; other values keep them.
    std::string read_quoted() {
        ++pos_;
        const std::size_t start = pos_;
        bool has_escaped_quote = false;
        while (true) {
            if (at_end()) fail(pos_, "unclosed quoted value in shortcode " + quoted_for_message(tag_.name));
            const char c = body_[pos_];
            if (c == '\n')
                fail(pos_, "line break in a quoted value of shortcode " + quoted_for_message(tag_.name) +
                               " (only a `…` raw string may span lines)");
            if (c == '\\' && pos_ + 1 < body_.size() && body_[pos_ + 1] == '"') {
                has_escaped_quote = true;
                pos_ += 2;
                continue;
            }
            if (c == '\\' && pos_ + 1 < body_.size() && body_[pos_ + 1] == '`')
                fail(pos_,
                     "unknown escape \\` in a quoted value of shortcode " + quoted_for_message(tag_.name));
            if (c == '"') break;
            ++pos_;
        }
        std::string value(body_.substr(start, pos_ - start));
        ++pos_;
        if (has_escaped_quote) std::erase(value, '\\');
        return value;
    }

    // `…`: no escapes, may span lines.
    std::string read_raw_string() {
        ++pos_;
        const std::size_t close = body_.find('`', pos_);
        if (close == npos) {
            pos_ = body_.size();
            fail(pos_, "unclosed raw string in shortcode " + quoted_for_message(tag_.name));
        }
        std::string value(body_.substr(pos_, close - pos_));
        pos_ = close + 1;
        return value;
    }

    std::string_view body_;
    std::size_t pos_;
    Tag tag_;
};

// Where the Raw node of a bad tag ends: through the first closing delimiter
// after the error, unless another shortcode opens first or there is none; the
// tag is then unclosed and only its opener is kept raw, so that the text after
// it is still read.
std::size_t bad_tag_end(std::string_view body, std::size_t begin, std::size_t error_at) {
    const std::size_t from = std::min(std::max(error_at, begin + delimiter_size), body.size());
    // Looking no further than the next opener keeps many unclosed tags linear.
    const std::string_view before_next_open = body.substr(0, find_shortcode_open(body, from));
    const std::size_t close = find_shortcode_close(before_next_open, from);
    return close == npos ? begin + delimiter_size : close + delimiter_size;
}

// What the warning about a bad tag says. A tag with no closing delimiter is
// above all unclosed, whatever the lexer tripped on first.
std::string bad_tag_message(const TagSyntaxError& error, bool markdown, bool unclosed) {
    std::string message = error.message;
    if (unclosed && !message.starts_with("unclosed")) {
        const Delimiters& delimiters = delimiters_for(markdown);
        message = "unclosed shortcode: no " + quoted_for_message(delimiters.close) + " after " +
                  quoted_for_message(delimiters.open) + " (" + message + ")";
    }
    if (error.hugo_refuses) message += "; Hugo would refuse to build this";
    return message;
}

// --- The reader ---------------------------------------------------------------

// File lines of increasing offsets, counted once.
class LineCounter {
public:
    LineCounter(std::string_view text, int first_line)
        : text_(text), line_(first_line), first_line_(first_line) {}

    int at(std::size_t offset) {
        if (offset < pos_) {
            pos_ = 0;
            line_ = first_line_;
        }
        for (; pos_ < offset && pos_ < text_.size(); ++pos_)
            if (text_[pos_] == '\n') ++line_;
        return line_;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_;
    int first_line_;
};

class HugoBodyReader {
public:
    HugoBodyReader(std::string_view body, const BodyContext& context, Warnings& warnings)
        : body_(body),
          context_(context),
          warnings_(warnings),
          lines_(body, context.first_line),
          divider_(body.find(summary_divider)) {}

    Body read() {
        std::size_t pos = 0;
        while (true) {
            const std::size_t open = find_shortcode_open(body_, pos);
            const std::size_t divider = next_divider(pos);
            const std::size_t next = std::min(open, divider);
            if (next == npos) break;
            emit_text(pos, next);
            pos = next == divider ? read_divider(next) : read_construct(next);
        }
        emit_text(pos, body_.size());
        close_unpaired_down_to(0);
        return std::move(top_level_);
    }

private:
    // A call whose closing tag has not been seen yet, and what came after it.
    struct OpenCall {
        BodyNode call;
        std::vector<BodyNode> children;
    };

    // Only the first `<!--more-->` is the divider; the later ones are text.
    // One inside a tag or an escape is not one (Hugo does not look there).
    std::size_t next_divider(std::size_t from) {
        if (divider_found_) return npos;
        if (divider_ != npos && divider_ < from) divider_ = body_.find(summary_divider, from);
        return divider_;
    }

    std::size_t read_divider(std::size_t begin) {
        divider_found_ = true;
        BodyNode node = make_node(BodyNode::Kind::SummaryDivider, begin);
        node.text = std::string(summary_divider);
        emit(std::move(node));
        return begin + summary_divider.size();
    }

    // A `{{<` or `{{%` at `begin`: an escaped shortcode or a tag. Returns
    // where the text goes on.
    std::size_t read_construct(std::size_t begin) {
        if (body_.substr(begin + delimiter_size).starts_with(escape_open)) return read_escaped(begin);
        try {
            Tag tag = TagParser(body_, begin).parse();
            const std::size_t end = tag.end;
            add_tag(std::move(tag), begin);
            return end;
        } catch (const TagSyntaxError& error) {
            const std::size_t end = bad_tag_end(body_, begin, error.at);
            emit_raw(begin, end,
                     bad_tag_message(error, body_[begin + 2] == '%', end == begin + delimiter_size));
            return end;
        }
    }

    // `{{</* … */>}}`: Hugo prints `{{< … >}}`.
    std::size_t read_escaped(std::size_t begin) {
        const Delimiters& delimiters = delimiters_for(body_[begin + 2] == '%');
        const std::size_t content = begin + delimiter_size + escape_open.size();
        const std::string end_marker = std::string(escape_close) + std::string(delimiters.close);
        const std::size_t close = body_.find(end_marker, content);
        if (close == npos) {
            emit_raw(begin, begin + delimiter_size,
                     "escaped shortcode " + quoted_for_message(std::string(delimiters.open) + "/*") +
                         " has no closing " + quoted_for_message(end_marker) +
                         "; Hugo would refuse to build this");
            return begin + delimiter_size;
        }
        BodyNode node = make_node(BodyNode::Kind::Literal, begin);
        node.text = std::string(delimiters.open);
        node.text += body_.substr(content, close - content);
        node.text += delimiters.close;
        emit(std::move(node));
        return close + end_marker.size();
    }

    void add_tag(Tag tag, std::size_t begin) {
        if (tag.closing) return close_call(tag, begin);
        BodyNode call = make_node(BodyNode::Kind::Call, begin);
        call.name = std::move(tag.name);
        call.parameters = std::move(tag.parameters);
        call.markdown = tag.markdown;
        if (tag.self_closing) {
            call.inner.emplace();
            emit(std::move(call));
        } else {
            open_calls_.push_back(OpenCall{std::move(call), {}});
        }
    }

    // A closing tag closes the innermost open call of its name; calls opened
    // inside it and never closed are single tags.
    void close_call(const Tag& tag, std::size_t begin) {
        const auto match = std::find_if(open_calls_.rbegin(), open_calls_.rend(),
                                        [&](const OpenCall& open) { return open.call.name == tag.name; });
        if (match == open_calls_.rend()) {
            const Delimiters& delimiters = delimiters_for(tag.markdown);
            emit_raw(begin, tag.end,
                     "closing tag " +
                         quoted_for_message(std::string(delimiters.open) + " /" + tag.name + " " +
                                            std::string(delimiters.close)) +
                         " has no opening tag; Hugo would refuse to build this");
            return;
        }
        const auto depth = static_cast<std::size_t>(std::distance(match, open_calls_.rend()));
        close_unpaired_down_to(depth);
        OpenCall paired = std::move(open_calls_.back());
        open_calls_.pop_back();
        paired.call.inner = std::move(paired.children);
        emit(std::move(paired.call));
    }

    // The open calls above `depth` get no closing tag: they are single tags,
    // and what followed each belongs to the call below them. Outermost first,
    // each node is moved once (a long run of unclosed calls stays linear).
    void close_unpaired_down_to(std::size_t depth) {
        if (open_calls_.size() <= depth) return;
        std::vector<BodyNode>& parent = depth == 0 ? top_level_ : open_calls_[depth - 1].children;
        for (std::size_t i = depth; i < open_calls_.size(); ++i) {
            parent.push_back(std::move(open_calls_[i].call));
            for (BodyNode& child : open_calls_[i].children) parent.push_back(std::move(child));
        }
        open_calls_.resize(depth);
    }

    BodyNode make_node(BodyNode::Kind kind, std::size_t begin) {
        BodyNode node;
        node.kind = kind;
        node.offset = begin;
        node.line = lines_.at(begin);
        return node;
    }

    void emit(BodyNode node) {
        (open_calls_.empty() ? top_level_ : open_calls_.back().children).push_back(std::move(node));
    }

    void emit_text(std::size_t begin, std::size_t end) {
        if (begin >= end) return;
        BodyNode node = make_node(BodyNode::Kind::Text, begin);
        node.text = std::string(body_.substr(begin, end - begin));
        emit(std::move(node));
    }

    void emit_raw(std::size_t begin, std::size_t end, const std::string& message) {
        BodyNode node = make_node(BodyNode::Kind::Raw, begin);
        node.text = std::string(body_.substr(begin, end - begin));
        node.origin = std::string(hugo_origin);
        warnings_.add(WarningKind::MalformedTemplate, SourceLocation{context_.display_path, node.line, 0},
                      message + "; kept as written");
        emit(std::move(node));
    }

    std::string_view body_;
    const BodyContext& context_;
    Warnings& warnings_;
    LineCounter lines_;
    Body top_level_;
    std::vector<OpenCall> open_calls_;
    std::size_t divider_;  // the first `<!--more-->` not passed yet
    bool divider_found_ = false;
};

// --- Writing values -----------------------------------------------------------

// A string Hugo reads back unchanged from "…": one line; and since Hugo drops
// every backslash of a value with an escaped quote, backslashes and quotes do
// not go together; a final backslash would escape the closing quote, and \`
// is an error.
bool can_quote(std::string_view text) {
    if (text.find('\n') != npos) return false;
    if (text.find('"') != npos) return text.find('\\') == npos;
    return !text.ends_with('\\') && text.find("\\`") == npos;
}

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

// A positional string written bare must read back as the same string: only
// the bare characters (ASCII, as Hugo's letter test is Unicode's), and
// nothing Hugo would type as a bool or a number.
bool can_be_bare(std::string_view text) {
    if (text.empty() || !starts_bare(text[0])) return false;
    const bool bare_characters = std::all_of(text.begin(), text.end(), [](char c) {
        return is_bare_char(c) && static_cast<unsigned char>(c) < 0x80;
    });
    return bare_characters && !looks_like_bool(text) && !looks_like_integer(text) && !looks_like_float(text);
}

bool is_valid_shortcode_name(std::string_view name) {
    if (name.ends_with(".inline")) name.remove_suffix(std::string_view(".inline").size());
    return !name.empty() && is_word_char(name[0]) && name.back() != '/' &&
           std::all_of(name.begin(), name.end(), is_name_char);
}

bool is_valid_parameter_name(std::string_view name) {
    return !name.empty() && starts_bare(name[0]) && std::all_of(name.begin(), name.end(), is_bare_char);
}

// Hugo's calls with a meaning of their own, and the links in Jekyll's terms:
// none of them is a site template.
bool is_builtin_call(std::string_view name) {
    for (std::string_view known :
         {call::highlight, call::ref, call::relref, call::param, call::post_url, call::link})
        if (name == known) return true;
    return false;
}

// `content/sub/name.md` -> `/sub/name.md`: relref paths start at the content folder.
std::string relref_path(std::string_view target_path) {
    constexpr std::string_view content_prefix = "content/";
    if (target_path.starts_with(content_prefix)) target_path.remove_prefix(content_prefix.size());
    if (target_path.starts_with('/')) target_path.remove_prefix(1);
    return "/" + std::string(target_path);
}

// The ids `{% post_url ID %}` names a Jekyll post path by: it is
// `[anything/]_posts/ID.<any extension>` (`blog/_posts/sub/x.md` is `sub/x`).
void post_ids_of(std::string_view path, std::vector<std::string>& ids) {
    const std::size_t dot = path.rfind('.');
    if (dot == npos || path.find('/', dot) != npos) return;
    const std::string_view stem = path.substr(0, dot);
    constexpr std::string_view folder = "_posts/";
    for (std::size_t at = stem.find(folder); at != npos; at = stem.find(folder, at + 1))
        if (at == 0 || stem[at - 1] == '/') ids.emplace_back(stem.substr(at + folder.size()));
}

std::optional<SiteEntry> find_link_target(const SiteIndex& site, std::string_view kind, std::string_view target) {
    if (kind == call::link) {
        if (target.starts_with('/')) target.remove_prefix(1);
        return site.by_source(target);
    }
    return site.first_with_key(post_ids_of, target);
}

// Every `{{<`/`{{%` in text, up to its matching closing delimiter, written
// escaped so Hugo prints it (`{{</* … */>}}`); `unclosed` gets the offsets of
// openers without a closing delimiter, which cannot be escaped.
std::string escape_shortcodes(std::string_view text, std::vector<std::size_t>& unclosed) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t open = find_shortcode_open(text, pos); open != npos;
         open = find_shortcode_open(text, pos)) {
        const Delimiters& delimiters = delimiters_for(text[open + 2] == '%');
        const std::size_t content = open + delimiter_size;
        const std::size_t close = text.find(delimiters.close, content);
        out += text.substr(pos, content - pos);
        if (close == npos) {
            unclosed.push_back(open);
            pos = content;
            continue;
        }
        out += escape_open;
        out += text.substr(content, close - content);
        out += escape_close;
        out += delimiters.close;
        pos = close + delimiter_size;
    }
    out += text.substr(pos);
    return out;
}

// A Literal read from `{{</* … */>}}` is `{{< … >}}`: written back as exactly
// that escape, whatever it holds, when the escape would end where it should.
std::optional<std::string> escape_whole(std::string_view text) {
    constexpr std::size_t shortest = 2 * delimiter_size;
    if (text.size() < shortest) return std::nullopt;
    const bool markdown = text.starts_with(markdown_delimiters.open);
    if (!markdown && !text.starts_with(plain_delimiters.open)) return std::nullopt;
    const Delimiters& delimiters = delimiters_for(markdown);
    if (!text.ends_with(delimiters.close)) return std::nullopt;
    const std::string_view content = text.substr(delimiter_size, text.size() - shortest);
    const std::string end_marker = std::string(escape_close) + std::string(delimiters.close);
    if (content.find(end_marker) != npos) return std::nullopt;
    return std::string(delimiters.open) + std::string(escape_open) + std::string(content) + end_marker;
}

int count_lines(std::string_view text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// --- The writer ---------------------------------------------------------------

class HugoBodyWriter {
public:
    HugoBodyWriter(BodyContext& context, Warnings& warnings) : context_(context), warnings_(warnings) {}

    std::string write(const Body& body) {
        write_nodes(body);
        return std::move(out_);
    }

private:
    void write_nodes(const std::vector<BodyNode>& nodes) {
        for (const BodyNode& node : nodes) write_node(node);
    }

    void write_node(const BodyNode& node) {
        switch (node.kind) {
            case BodyNode::Kind::Text: write_protected(node.text, node); return;
            case BodyNode::Kind::Literal: write_literal(node); return;
            case BodyNode::Kind::SummaryDivider: out_ += summary_divider; return;
            case BodyNode::Kind::Comment: write_comment(node); return;
            // Raw from another platform (warned about when read) is shown as
            // written: shortcode-looking text in it must not run.
            case BodyNode::Kind::Raw:
                if (node.origin == "hugo") {
                    out_ += node.text;
                } else {
                    write_protected(node.text, node);
                }
                return;
            case BodyNode::Kind::Call: write_call(node); return;
        }
    }

    void write_protected(std::string_view text, const BodyNode& node) {
        std::vector<std::size_t> unclosed;
        out_ += escape_shortcodes(text, unclosed);
        for (std::size_t offset : unclosed)
            warn(WarningKind::MalformedTemplate, node.line + count_lines(text.substr(0, offset)),
                 quoted_for_message(text.substr(offset, delimiter_size)) +
                     " in the text has no closing delimiter, so it cannot be escaped; Hugo will read it as "
                     "a shortcode and fail");
    }

    void write_literal(const BodyNode& node) {
        if (auto escaped = escape_whole(node.text)) {
            out_ += *escaped;
        } else {
            write_protected(node.text, node);
        }
    }

    // Hugo has no comment of its own that content may use ({{/* */}} would be
    // printed), so an HTML comment it is.
    void write_comment(const BodyNode& node) {
        if (node.text.find("--") != npos)
            warn(WarningKind::MalformedTemplate, node.line,
                 "comment contains `--`, which HTML comments may not; written as an HTML comment anyway");
        out_ += "<!--";
        write_protected(node.text, node);
        out_ += "-->";
    }

    void write_call(const BodyNode& call) {
        if (call.name == call::post_url || call.name == call::link) return write_link(call);
        check_call(call);
        if (!is_builtin_call(call.name) && !call.name.ends_with(".inline")) note_template(call.name);
        out_ += open_tag(call);
        if (!call.inner) return;
        write_nodes(*call.inner);
        const Delimiters& delimiters = delimiters_for(call.markdown);
        out_ += std::string(delimiters.open) + " /" + call.name + " " + std::string(delimiters.close);
    }

    void check_call(const BodyNode& call) {
        if (!is_valid_shortcode_name(call.name))
            warn(WarningKind::MalformedTemplate, call.line,
                 quoted_for_message(call.name) + " is not a name Hugo accepts for a shortcode");
        const bool has_named = std::any_of(call.parameters.begin(), call.parameters.end(),
                                           [](const CallParameter& p) { return !p.name.empty(); });
        const bool has_positional = std::any_of(call.parameters.begin(), call.parameters.end(),
                                                [](const CallParameter& p) { return p.name.empty(); });
        if (has_named && has_positional)
            warn(WarningKind::MalformedTemplate, call.line,
                 "shortcode " + quoted_for_message(call.name) +
                     " has both named and positional parameters, which Hugo refuses");
        for (const CallParameter& parameter : call.parameters)
            if (!parameter.name.empty() && !is_valid_parameter_name(parameter.name))
                warn(WarningKind::MalformedTemplate, call.line,
                     quoted_for_message(parameter.name) + " is not a parameter name Hugo accepts");
    }

    void note_template(const std::string& name) {
        auto& used = context_.used_templates;
        if (std::find(used.begin(), used.end(), name) == used.end()) used.push_back(name);
    }

    std::string open_tag(const BodyNode& call) {
        const Delimiters& delimiters = delimiters_for(call.markdown);
        std::string tag = std::string(delimiters.open) + " " + call.name;
        std::size_t position = 0;
        for (const CallParameter& parameter : call.parameters) {
            tag += ' ';
            if (!parameter.name.empty()) {
                tag += parameter.name + "=" + value_text(parameter.value, false, call.line);
                continue;
            }
            // highlight's options are quoted even when bare would do, as Hugo's docs write them.
            const bool bare_allowed = !(call.name == call::highlight && position == 1);
            tag += value_text(parameter.value, bare_allowed, call.line);
            ++position;
        }
        return tag + " " + std::string(delimiters.close);
    }

    std::string value_text(const Value& value, bool bare_allowed, int line) {
        switch (value.type()) {
            case ValueType::Bool: return value.as_bool() ? "true" : "false";
            case ValueType::Integer: return std::to_string(value.as_integer());
            case ValueType::Float:
                if (auto text = fixed_float_text(value.as_float())) return *text;
                warn(WarningKind::UnrepresentableValue, line,
                     "Hugo has no way to write a non-finite number; written as a string");
                return quote(std::isnan(value.as_float()) ? "NaN" : value.as_float() > 0 ? "+Inf" : "-Inf");
            case ValueType::String: return string_text(value.as_string(), bare_allowed, line);
            case ValueType::OffsetDateTime:
            case ValueType::LocalDateTime:
            case ValueType::LocalDate:
            case ValueType::LocalTime:
                warn(WarningKind::TypeChanged, line, "a date parameter is written as a string");
                return string_text(format_datetime(value.as_datetime()), false, line);
            case ValueType::Null:
            case ValueType::Array:
            case ValueType::Table: break;
        }
        warn(WarningKind::UnrepresentableValue, line,
             "a shortcode parameter cannot hold a " + std::string(type_name(value.type())) +
                 "; written as an empty string");
        return "\"\"";
    }

    // Bare when allowed and unambiguous, else "…", else a `…` raw string
    // (line breaks); what fits neither is quoted and warned about.
    std::string string_text(const std::string& text, bool bare_allowed, int line) {
        if (bare_allowed && can_be_bare(text)) return text;
        if (can_quote(text)) return quote(text);
        if (text.find('`') == npos) return "`" + text + "`";
        warn(WarningKind::MalformedTemplate, line,
             "a shortcode parameter with both a backtick and a line break or backslash cannot be written "
             "so that Hugo reads it back; written quoted");
        return quote(text);
    }

    // post_url and link name a Jekyll file: Hugo's relref names the converted one.
    void write_link(const BodyNode& call) {
        const Value* target = find_parameter(call, "", 0);
        std::optional<SiteEntry> entry;
        if (context_.site != nullptr && target != nullptr && target->is_string())
            entry = find_link_target(*context_.site, call.name, target->as_string());
        if (entry) {
            out_ += std::string(plain_delimiters.open) + " " + std::string(call::relref) + " " +
                    string_text(relref_path(entry->target_path), false, call.line) + " " +
                    std::string(plain_delimiters.close);
            return;
        }
        const std::string liquid = liquid_tag(call);
        warn(WarningKind::UnresolvedLink, call.line,
             quoted_for_message(liquid) +
                 (context_.site == nullptr ? " cannot be resolved without the site"
                                           : " names no article of the site") +
                 "; kept as written");
        out_ += liquid;
    }

    // The call as Jekyll wrote it, to keep what cannot be translated.
    std::string liquid_tag(const BodyNode& call) {
        std::string tag = "{% " + call.name;
        for (const CallParameter& parameter : call.parameters) {
            tag += ' ';
            if (!parameter.name.empty()) tag += parameter.name + "=";
            tag += parameter.value.is_string() ? parameter.value.as_string()
                                               : value_text(parameter.value, true, call.line);
        }
        return tag + " %}";
    }

    void warn(WarningKind kind, int line, std::string message) {
        warnings_.add(kind, SourceLocation{context_.display_path, line, 0}, std::move(message));
    }

    BodyContext& context_;
    Warnings& warnings_;
    std::string out_;
};

}  // namespace

Body read_hugo_body(std::string_view body, BodyContext& context, Warnings& warnings) {
    return HugoBodyReader(body, context, warnings).read();
}

std::string write_hugo_body(const Body& body, BodyContext& context, Warnings& warnings) {
    return HugoBodyWriter(context, warnings).write(body);
}

}  // namespace postport
