// Hugo's side of templates: reading a site's shortcode templates, writing
// the shortcodes a site converted from Jekyll calls (Jekyll includes
// translated from Liquid to Go templates where they only read `include.*`,
// stubs otherwise), and minimal layouts.
#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>

#include "converters/hugo/hugo.h"
#include "core/text.h"
#include "core/site.h"

namespace postport {

namespace {

namespace fs = std::filesystem;
constexpr auto npos = std::string_view::npos;

// The first construct of a template that stops its translation.
struct CannotTranslate {
    std::string construct;
    std::size_t offset = 0;  // in the template text
};

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// ---------------------------------------------------------------------------
// Liquid, as far as an include that only reads its parameters needs.

struct LiquidPiece {
    enum class Kind { Text, Output, Tag, Nothing };  // Nothing: a comment
    Kind kind = Kind::Text;
    std::string_view text;  // Text: the bytes; Output, Tag: the markup inside the delimiters
    std::size_t offset = 0;
    bool trim_left = false;
    bool trim_right = false;
};

// The markup of a tag piece: its name and the rest.
std::pair<std::string_view, std::string_view> split_tag(std::string_view markup) {
    while (!markup.empty() && is_ascii_space(markup.front())) markup.remove_prefix(1);
    std::size_t end = 0;
    while (end < markup.size() && (is_ascii_word_char(markup[end]) || markup[end] == '#')) ++end;
    std::string_view rest = markup.substr(end);
    while (!rest.empty() && is_ascii_space(rest.front())) rest.remove_prefix(1);
    while (!rest.empty() && is_ascii_space(rest.back())) rest.remove_suffix(1);
    return {markup.substr(0, end), rest};
}

// Finds `{% NAME %}` (any trim markers) from `from`; returns its offset and
// end, or npos.
std::pair<std::size_t, std::size_t> find_tag(std::string_view source, std::string_view name, std::size_t from) {
    for (std::size_t open = source.find("{%", from); open != npos; open = source.find("{%", open + 2)) {
        const std::size_t close = source.find("%}", open + 2);
        if (close == npos) return {npos, npos};
        std::string_view markup = source.substr(open + 2, close - open - 2);
        if (!markup.empty() && markup.front() == '-') markup.remove_prefix(1);
        if (!markup.empty() && markup.back() == '-') markup.remove_suffix(1);
        if (split_tag(markup).first == name) return {open, close + 2};
    }
    return {npos, npos};
}

// Cuts a Liquid template as Liquid 5 does: `{% … %}` ends at the first `%}`,
// `{{ … }` at the first `}` (and one more if there is one). Raw blocks become
// text and comments nothing.
std::vector<LiquidPiece> split_liquid_template(std::string_view source) {
    std::vector<LiquidPiece> pieces;
    std::size_t position = 0;
    while (position < source.size()) {
        const std::size_t open = std::min(source.find("{{", position), source.find("{%", position));
        if (open != position)
            pieces.push_back({LiquidPiece::Kind::Text, source.substr(position, open - position), position});
        if (open == npos) break;
        const bool output = source[open + 1] == '{';
        std::size_t close = source.find(output ? "}" : "%}", open + 2);
        if (close == npos) throw CannotTranslate{output ? "an unclosed `{{`" : "an unclosed `{%`", open};
        std::size_t end = close + (output ? (close + 1 < source.size() && source[close + 1] == '}' ? 2 : 1) : 2);
        LiquidPiece piece{output ? LiquidPiece::Kind::Output : LiquidPiece::Kind::Tag, {}, open};
        std::string_view markup = source.substr(open + 2, close - open - 2);
        if (!markup.empty() && markup.front() == '-') {
            piece.trim_left = true;
            markup.remove_prefix(1);
        }
        if (!markup.empty() && markup.back() == '-') {
            piece.trim_right = true;
            markup.remove_suffix(1);
        }
        piece.text = markup;
        const std::string_view name = output ? std::string_view() : split_tag(markup).first;
        if (name == "raw" || name == "comment") {
            const auto [end_open, end_close] = find_tag(source, name == "raw" ? "endraw" : "endcomment", end);
            if (end_open == npos) throw CannotTranslate{"an unclosed `" + std::string(name) + "`", open};
            const std::string_view end_markup = source.substr(end_open + 2, end_close - end_open - 4);
            if (name == "raw") {
                pieces.push_back({LiquidPiece::Kind::Nothing, {}, open, piece.trim_left, piece.trim_right});
                pieces.push_back({LiquidPiece::Kind::Text, source.substr(end, end_open - end), end});
                piece.trim_left = end_markup.starts_with("-");
            }
            piece.kind = LiquidPiece::Kind::Nothing;
            piece.trim_right = end_markup.ends_with("-");
            end = end_close;
        } else if (name == "#") {
            piece.kind = LiquidPiece::Kind::Nothing;
        }
        pieces.push_back(piece);
        position = end;
    }
    return pieces;
}

struct LiquidToken {
    enum class Kind { Path, String, Number, Operator, Pipe, Colon, Comma, Equals };
    Kind kind = Kind::Path;
    std::string text;  // String: the value without quotes
    std::size_t offset = 0;
};

std::vector<LiquidToken> tokenize_liquid(std::string_view markup, std::size_t base) {
    std::vector<LiquidToken> tokens;
    std::size_t i = 0;
    while (i < markup.size()) {
        const char c = markup[i];
        const std::size_t at = base + i;
        if (is_ascii_space(c)) {
            ++i;
        } else if (c == '"' || c == '\'') {
            const std::size_t close = markup.find(c, i + 1);
            if (close == npos) throw CannotTranslate{"an unterminated string", at};
            tokens.push_back({LiquidToken::Kind::String, std::string(markup.substr(i + 1, close - i - 1)), at});
            i = close + 1;
        } else if (c == '|' || c == ':' || c == ',') {
            tokens.push_back({c == '|'   ? LiquidToken::Kind::Pipe
                              : c == ':' ? LiquidToken::Kind::Colon
                                         : LiquidToken::Kind::Comma,
                              std::string(1, c), at});
            ++i;
        } else if (c == '=' || c == '!' || c == '<' || c == '>') {
            std::size_t end = i + 1;
            if (end < markup.size() && (markup[end] == '=' || (c == '<' && markup[end] == '>'))) ++end;
            const std::string op(markup.substr(i, end - i));
            tokens.push_back({op == "=" ? LiquidToken::Kind::Equals : LiquidToken::Kind::Operator, op, at});
            i = end;
        } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-') {
            std::size_t end = i + 1;
            while (end < markup.size() &&
                   (std::isdigit(static_cast<unsigned char>(markup[end])) != 0 || markup[end] == '.'))
                ++end;
            tokens.push_back({LiquidToken::Kind::Number, std::string(markup.substr(i, end - i)), at});
            i = end;
        } else if (is_ascii_word_char(c) || c == '[') {
            // A variable path: segments joined by `.`, or `["key"]`.
            std::size_t end = i;
            while (end < markup.size()) {
                if (is_ascii_word_char(markup[end]) || markup[end] == '-' || markup[end] == '.' || markup[end] == '?') {
                    ++end;
                } else if (markup[end] == '[') {
                    const std::size_t close = markup.find(']', end);
                    if (close == npos) throw CannotTranslate{"an unclosed `[`", base + end};
                    end = close + 1;
                } else {
                    break;
                }
            }
            std::string word(markup.substr(i, end - i));
            const bool keyword = word == "and" || word == "or" || word == "contains";
            tokens.push_back({keyword ? LiquidToken::Kind::Operator : LiquidToken::Kind::Path, std::move(word), at});
            i = end;
        } else {
            throw CannotTranslate{"`" + std::string(1, c) + "`", at};
        }
    }
    return tokens;
}

// A Go expression, and whether it needs parentheses as an argument.
struct GoTerm {
    std::string text;
    bool compound = false;
    [[nodiscard]] std::string argument() const { return compound ? "(" + text + ")" : text; }
};

std::string go_string(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

// Liquid filters with a Go template function of the same meaning.
struct LiquidFilter {
    std::string_view liquid;
    std::string_view go;
    std::size_t arguments;
};
constexpr LiquidFilter liquid_filters[] = {
    {"escape", "htmlEscape", 0},   {"markdownify", "markdownify", 0},
    {"default", "default", 1},     {"upcase", "upper", 0},
    {"downcase", "lower", 0},      {"strip_html", "plainify", 0},
    {"relative_url", "relURL", 0}, {"absolute_url", "absURL", 0},
    {"jsonify", "jsonify", 0},     {"strip", "strings.TrimSpace", 0},
};

// Where in the HTML a template writes a value, as far as Go's html/template
// escaping cares: Liquid prints values as they are, so each output gets the
// `safe…` function that makes Go do the same there.
class HtmlContext {
public:
    void feed(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) step(text, i);
    }

    // A value was written: an unquoted attribute value has begun.
    void value_written() {
        if (state_ == State::BeforeValue) {
            state_ = State::Value;
            quote_ = 0;
        }
    }

    [[nodiscard]] std::string_view go_function() const {
        switch (state_) {
            case State::Content:
            case State::Comment: return "safeHTML";
            case State::RawText: return element_ == "script" ? "safeJS" : "safeCSS";
            case State::TagName:
            case State::InTag:
            case State::AttributeName:
            case State::AfterAttributeName: return "safeHTMLAttr";
            case State::BeforeValue:
            case State::Value: return attribute_function();
        }
        return {};
    }

private:
    enum class State {
        Content,
        Comment,
        RawText,
        TagName,
        InTag,
        AttributeName,
        AfterAttributeName,
        BeforeValue,
        Value
    };

    [[nodiscard]] std::string_view attribute_function() const {
        static constexpr std::string_view url_attributes[] = {
            "href",       "src",      "action", "formaction", "poster",   "cite", "data",
            "background", "longdesc", "usemap", "manifest",   "codebase", "icon"};
        if (attribute_ == "style") return "safeCSS";
        if (attribute_.starts_with("on")) return "safeJS";
        for (auto url : url_attributes)
            if (attribute_ == url) return "safeURL";
        return {};  // Go escapes text, which displays the same
    }

    void step(std::string_view text, std::size_t i) {
        const char c = text[i];
        switch (state_) {
            case State::Content:
                if (text.substr(i, 4) == "<!--") {
                    state_ = State::Comment;
                } else if (c == '<' && i + 1 < text.size() &&
                           (std::isalpha(static_cast<unsigned char>(text[i + 1])) != 0 || text[i + 1] == '/')) {
                    start_tag();
                }
                break;
            case State::Comment:
                if (c == '>' && i >= 2 && text.substr(i - 2, 2) == "--") state_ = State::Content;
                break;
            case State::RawText:
                if (c == '<' && i + 1 < text.size() && text[i + 1] == '/' &&
                    equals_lower(text.substr(i + 2, element_.size()), element_))
                    start_tag();
                break;
            case State::TagName:
                if (c == '>')
                    end_tag();
                else if (c == '/' && element_.empty() && !closing_)
                    closing_ = true;
                else if (is_ascii_space(c) || c == '/')
                    state_ = State::InTag;
                else
                    element_ += lower(c);
                break;
            case State::InTag:
                if (c == '>')
                    end_tag();
                else if (!is_ascii_space(c) && c != '/')
                    start_attribute(c);
                break;
            case State::AttributeName:
                if (c == '>')
                    end_tag();
                else if (c == '=')
                    state_ = State::BeforeValue;
                else if (is_ascii_space(c))
                    state_ = State::AfterAttributeName;
                else
                    attribute_ += lower(c);
                break;
            case State::AfterAttributeName:
                if (c == '>')
                    end_tag();
                else if (c == '=')
                    state_ = State::BeforeValue;
                else if (!is_ascii_space(c))
                    start_attribute(c);
                break;
            case State::BeforeValue:
                if (c == '>') {
                    end_tag();
                } else if (!is_ascii_space(c)) {
                    state_ = State::Value;
                    quote_ = c == '"' || c == '\'' ? c : 0;
                }
                break;
            case State::Value:
                if (quote_ != 0 ? c == quote_ : is_ascii_space(c))
                    state_ = State::InTag;
                else if (quote_ == 0 && c == '>')
                    end_tag();
                break;
        }
    }

    static bool equals_lower(std::string_view text, std::string_view lower_name) {
        return text.size() == lower_name.size() &&
               std::equal(text.begin(), text.end(), lower_name.begin(), [](char a, char b) { return lower(a) == b; });
    }

    void start_tag() {
        state_ = State::TagName;
        element_.clear();
        closing_ = false;
    }
    void start_attribute(char c) {
        state_ = State::AttributeName;
        attribute_.assign(1, lower(c));
    }
    void end_tag() {
        state_ = !closing_ && (element_ == "script" || element_ == "style") ? State::RawText : State::Content;
    }

    State state_ = State::Content;
    std::string element_;    // the element of the tag being read (or of RawText)
    bool closing_ = false;   // the tag is `</…>`
    std::string attribute_;  // the attribute being read
    char quote_ = 0;         // Value: its quote, 0 when unquoted
};

// Translates one Jekyll include into a Hugo shortcode template; throws
// CannotTranslate at the first construct that is more than reading the
// include's parameters.
class LiquidToGo {
public:
    explicit LiquidToGo(std::string_view source) : source_(source) {}

    std::string translate() {
        const std::vector<LiquidPiece> pieces = split_liquid_template(source_);
        for (const LiquidPiece& piece : pieces) {
            switch (piece.kind) {
                case LiquidPiece::Kind::Text: write_text(piece.text); break;
                case LiquidPiece::Kind::Nothing: emit({}, piece); break;
                case LiquidPiece::Kind::Output: output(piece); break;
                case LiquidPiece::Kind::Tag: tag(piece); break;
            }
        }
        if (!blocks_.empty()) throw CannotTranslate{"an unclosed `" + blocks_.back() + "`", source_.size()};
        // Liquid variables live for the whole page; Go's only in their
        // block, so each is declared once, up front, and then assigned.
        std::string declarations;
        for (const auto& variable : variables_) declarations += "{{ $" + variable + " := \"\" }}";
        return declarations + out_;
    }

private:
    // Copies text. A `{` before `{` would start a Go action: it is written as
    // a Go string instead.
    void write_text(std::string_view text) {
        if (trim_next_text_) {
            while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
            trim_next_text_ = false;
        }
        std::size_t fed = 0;  // text the HTML context has seen
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '{' || i + 1 >= text.size() || text[i + 1] != '{') {
                out_ += text[i];
                continue;
            }
            html_.feed(text.substr(fed, i - fed));
            fed = i;
            out_ += escaped_brace();
        }
        html_.feed(text.substr(fed));
    }

    // Before an action: a `{` the text ended with would join it.
    void protect_brace_before_action() {
        if (out_.empty() || out_.back() != '{') return;
        out_.pop_back();
        out_ += escaped_brace();
    }

    // `{` as a Go string, printed unchanged where it is.
    [[nodiscard]] std::string escaped_brace() const { return "{{ \"{\"" + pipe_to(html_.go_function()) + " }}"; }

    static std::string pipe_to(std::string_view function) {
        return function.empty() ? std::string() : " | " + std::string(function);
    }

    void emit(const std::vector<std::string>& actions, const LiquidPiece& piece) {
        if (actions.empty()) {
            if (piece.trim_left)
                while (!out_.empty() && is_ascii_space(out_.back())) out_.pop_back();
            if (piece.trim_right) trim_next_text_ = true;
            return;
        }
        trim_next_text_ = false;  // no text between a trim marker and this
        protect_brace_before_action();
        for (std::size_t i = 0; i < actions.size(); ++i) {
            out_ += i == 0 && piece.trim_left ? "{{- " : "{{ ";
            out_ += actions[i];
            out_ += i + 1 == actions.size() && piece.trim_right ? " -}}" : " }}";
        }
    }

    void output(const LiquidPiece& piece) {
        const std::vector<LiquidToken> tokens =
            tokenize_liquid(piece.text, static_cast<std::size_t>(piece.text.data() - source_.data()));
        if (tokens.empty()) return emit({}, piece);
        std::size_t next = 0;
        std::string pipeline = this->pipeline(tokens, next);
        if (next < tokens.size()) throw CannotTranslate{"`" + tokens[next].text + "`", tokens[next].offset};
        pipeline += pipe_to(html_.go_function());
        html_.value_written();
        emit({pipeline}, piece);
    }

    void tag(const LiquidPiece& piece) {
        const auto [name, markup] = split_tag(piece.text);
        const auto markup_offset = static_cast<std::size_t>(markup.data() - source_.data());
        const std::vector<LiquidToken> tokens = tokenize_liquid(markup, markup_offset);
        if (name == "if" || name == "unless") {
            const GoTerm test = condition(tokens, 0);
            blocks_.emplace_back(name);
            emit({name == "if" ? "if " + test.text : "if not " + test.argument()}, piece);
        } else if (name == "elsif") {
            if (blocks_.empty()) throw CannotTranslate{"`elsif` outside `if`", piece.offset};
            emit({"else if " + condition(tokens, 0).text}, piece);
        } else if (name == "else") {
            if (blocks_.empty()) throw CannotTranslate{"`else` outside `if`", piece.offset};
            emit({"else"}, piece);
        } else if (name == "endif" || name == "endunless") {
            if (blocks_.empty()) throw CannotTranslate{"`" + std::string(name) + "` without a block", piece.offset};
            blocks_.pop_back();
            emit({"end"}, piece);
        } else if (name == "assign") {
            emit({assignment(tokens, piece.offset)}, piece);
        } else {
            throw CannotTranslate{"the tag `" + std::string(name) + "`", piece.offset};
        }
    }

    std::string assignment(const std::vector<LiquidToken>& tokens, std::size_t offset) {
        if (tokens.size() < 3 || tokens[0].kind != LiquidToken::Kind::Path ||
            tokens[1].kind != LiquidToken::Kind::Equals)
            throw CannotTranslate{"an `assign` Go has no form for", offset};
        std::size_t next = 2;
        std::string value = pipeline(tokens, next);
        if (next < tokens.size()) throw CannotTranslate{"`" + tokens[next].text + "`", tokens[next].offset};
        std::string variable = tokens[0].text;
        for (char& c : variable)
            if (!is_ascii_word_char(c)) c = '_';
        if (std::find(variables_.begin(), variables_.end(), variable) == variables_.end())
            variables_.push_back(variable);
        known_[tokens[0].text] = variable;
        return "$" + variable + " = " + value;
    }

    // `value | filter: arg, … | …` as a Go pipeline.
    std::string pipeline(const std::vector<LiquidToken>& tokens, std::size_t& next) {
        std::string out = value(tokens, next).text;
        while (next < tokens.size() && tokens[next].kind == LiquidToken::Kind::Pipe) {
            ++next;
            if (next >= tokens.size() || tokens[next].kind != LiquidToken::Kind::Path)
                throw CannotTranslate{"a `|` without a filter", tokens[next - 1].offset};
            const LiquidToken& filter = tokens[next++];
            const LiquidFilter* known = nullptr;
            for (const auto& candidate : liquid_filters)
                if (candidate.liquid == filter.text) known = &candidate;
            if (known == nullptr) throw CannotTranslate{"the filter `" + filter.text + "`", filter.offset};
            out += " | " + std::string(known->go);
            std::size_t arguments = 0;
            if (next < tokens.size() && tokens[next].kind == LiquidToken::Kind::Colon) {
                do {
                    ++next;
                    out += " " + value(tokens, next).argument();
                    ++arguments;
                } while (next < tokens.size() && tokens[next].kind == LiquidToken::Kind::Comma);
            }
            if (arguments != known->arguments)
                throw CannotTranslate{
                    "the filter `" + filter.text + "` with " + std::to_string(arguments) + " arguments", filter.offset};
        }
        return out;
    }

    // A condition: comparisons joined by `and`/`or`, which Liquid groups from
    // the right.
    GoTerm condition(const std::vector<LiquidToken>& tokens, std::size_t next) {
        if (next >= tokens.size())
            throw CannotTranslate{"an empty condition", tokens.empty() ? 0 : tokens.back().offset};
        GoTerm left = value(tokens, next);
        if (next < tokens.size() && tokens[next].kind == LiquidToken::Kind::Operator && tokens[next].text != "and" &&
            tokens[next].text != "or") {
            const LiquidToken& op = tokens[next++];
            if (next >= tokens.size()) throw CannotTranslate{"`" + op.text + "` without a right side", op.offset};
            const GoTerm right = value(tokens, next);
            left = GoTerm{comparison_function(op) + " " + left.argument() + " " + right.argument(), true};
        }
        if (next >= tokens.size()) return left;
        const LiquidToken& joiner = tokens[next];
        if (joiner.kind != LiquidToken::Kind::Operator || (joiner.text != "and" && joiner.text != "or"))
            throw CannotTranslate{"`" + joiner.text + "`", joiner.offset};
        const GoTerm rest = condition(tokens, next + 1);
        return GoTerm{joiner.text + " " + left.argument() + " " + rest.argument(), true};
    }

    static std::string comparison_function(const LiquidToken& op) {
        if (op.text == "==") return "eq";
        if (op.text == "!=" || op.text == "<>") return "ne";
        if (op.text == "<") return "lt";
        if (op.text == "<=") return "le";
        if (op.text == ">") return "gt";
        if (op.text == ">=") return "ge";
        if (op.text == "contains") return "in";
        throw CannotTranslate{"`" + op.text + "`", op.offset};
    }

    // One value: an include parameter, an assigned variable or a literal.
    GoTerm value(const std::vector<LiquidToken>& tokens, std::size_t& next) {
        if (next >= tokens.size()) throw CannotTranslate{"a missing value", tokens.empty() ? 0 : tokens.back().offset};
        const LiquidToken& token = tokens[next++];
        switch (token.kind) {
            case LiquidToken::Kind::String: return GoTerm{go_string(token.text), false};
            case LiquidToken::Kind::Number: return GoTerm{token.text, false};
            case LiquidToken::Kind::Path: return path(token);
            default: break;
        }
        throw CannotTranslate{"`" + token.text + "`", token.offset};
    }

    GoTerm path(const LiquidToken& token) {
        const std::string& text = token.text;
        if (text == "true" || text == "false") return GoTerm{text, false};
        if (auto variable = known_.find(text); variable != known_.end()) return GoTerm{"$" + variable->second, false};
        std::string key;
        if (text.starts_with("include.")) {
            key = text.substr(8);
        } else if (text.starts_with("include[") && text.ends_with("]") && text.size() > 11 &&
                   (text[8] == '"' || text[8] == '\'') && text[text.size() - 2] == text[8]) {
            key = text.substr(9, text.size() - 11);
        } else {
            throw CannotTranslate{"`" + text + "`", token.offset};
        }
        if (key.empty() || key.find_first_of(".[") != std::string::npos)
            throw CannotTranslate{"`" + text + "`", token.offset};
        if (key == "inner") return GoTerm{".Inner", false};
        if (key.size() > 1 && key[0] == '_' && key.find_first_not_of("0123456789", 1) == std::string::npos)
            return GoTerm{".Get " + key.substr(1), true};
        return GoTerm{".Get " + go_string(key), true};
    }

    std::string_view source_;
    std::string out_;
    std::vector<std::string> variables_;        // Go names, in order of first assignment
    std::map<std::string, std::string> known_;  // Liquid name -> Go name
    std::vector<std::string> blocks_;           // open if/unless
    HtmlContext html_;
    bool trim_next_text_ = false;
};

// ---------------------------------------------------------------------------

// Hugo 0.111's built-in shortcodes: a call to one of them needs no template
// when the source site has none of its own.
bool is_hugo_builtin(std::string_view name) {
    for (std::string_view builtin :
         {"figure", "gist", "highlight", "instagram", "param", "ref", "relref", "tweet", "twitter", "vimeo", "youtube"})
        if (name == builtin) return true;
    return false;
}

// Shows the call's parameters. Hugo refuses a call that is not closed to a
// template using `.Inner`, and a closed one to a template that does not,
// so the stub reads `.Inner` only when the include read `include.inner`.
std::string stub_shortcode(std::string_view name, bool inner) {
    return R"go(<div class="postport-shortcode" data-shortcode=")go" + std::string(name) +
           R"go(">{{ range $key, $value := .Params }}<span>{{ $key }}: {{ $value }}</span>{{ end }})go" +
           (inner ? "{{ .Inner }}" : "") + "</div>\n";
}

std::string shortcode_name(std::string_view name) {
    return std::string(name.ends_with(".html") ? name.substr(0, name.size() - 5) : name);
}

// The `site` call (a site setting, from Jekyll's {{ site.KEY }}): Hugo keeps
// the title, the base URL and the description in other places than params.
constexpr std::string_view site_setting_shortcode =
    R"go({{- $key := .Get 0 -}}
{{- if eq $key "title" }}{{ site.Title }}
{{- else if eq $key "url" }}{{ strings.TrimSuffix "/" site.BaseURL }}
{{- else if eq $key "baseurl" }}{{ strings.TrimSuffix "/" (urls.Parse site.BaseURL).Path }}
{{- else }}{{ index site.Params $key }}{{ end -}}
)go";

std::optional<OutputFile> shortcode_for(const std::string& call, const std::optional<std::string>& source_text,
                                        std::string_view source_platform, Warnings& warnings) {
    const std::string name = shortcode_name(call);
    const std::string output = "layouts/shortcodes/" + name + ".html";
    if (!source_text && name == call::site) return OutputFile{output, std::string(site_setting_shortcode)};
    if (!source_text) {
        if (is_hugo_builtin(name)) return std::nullopt;
        warnings.add(WarningKind::NeedsPorting, SourceLocation{output, 0, 0},
                     "no template found for `" + call + "` in the " + std::string(source_platform) + " site; " +
                         output + " is a stub that shows the call's parameters");
        return OutputFile{output, stub_shortcode(name, false)};
    }
    if (source_platform == "hugo") return OutputFile{output, *source_text};
    const std::string include = "_includes/" + call + (call.find('.') == npos ? ".html" : "");
    if (source_platform == "jekyll") {
        try {
            return OutputFile{output, LiquidToGo(*source_text).translate()};
        } catch (const CannotTranslate& stop) {
            const LineColumn at = line_column_at(*source_text, stop.offset);
            warnings.add(WarningKind::NeedsPorting, SourceLocation{include, at.line, at.column},
                         "include `" + call + "` uses " + stop.construct + ", which has no Go template translation; " +
                             output + " is a stub that shows the call's parameters");
        }
    } else {
        warnings.add(WarningKind::NeedsPorting, SourceLocation{include, 0, 0},
                     "template `" + call + "` is written for " + std::string(source_platform) + "; " + output +
                         " is a stub that shows the call's parameters");
    }
    return OutputFile{output, stub_shortcode(name, source_text->find("include.inner") != std::string::npos)};
}

// Hugo layouts: a base with the page title, and the article (title, date,
// tags, categories, content) on single pages; lists and the home page link
// their pages.
constexpr std::string_view baseof_layout = R"go(<!DOCTYPE html>
<html lang="{{ site.LanguageCode | default "en" }}">
<head>
  <meta charset="utf-8">
  <title>{{ with .Title }}{{ . }} | {{ end }}{{ site.Title }}</title>
</head>
<body>
  <header class="site-header"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
  <main>
{{ block "main" . }}{{ end }}
  </main>
</body>
</html>
)go";

constexpr std::string_view single_layout = R"go({{ define "main" }}
<article class="postport-article">
  <h1 class="title">{{ .Title }}</h1>
  {{- if not .Date.IsZero }}
  <time class="date" datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
  {{- end }}
  {{- with .Params.tags }}
  <ul class="tags">{{ range (cond (reflect.IsSlice .) . (slice .)) }}<li>{{ . }}</li>{{ end }}</ul>
  {{- end }}
  {{- with .Params.categories }}
  <ul class="categories">{{ range (cond (reflect.IsSlice .) . (slice .)) }}<li>{{ . }}</li>{{ end }}</ul>
  {{- end }}
  <div class="content">
{{ .Content }}
  </div>
</article>
{{ end }}
)go";

// The page list, for list.html (the section's pages) and index.html (every
// regular page).
std::string list_layout(std::string_view pages) {
    return R"go({{ define "main" }}
<section class="postport-list">
  {{- with .Title }}
  <h1 class="title">{{ . }}</h1>
  {{- end }}
  {{- with .Content }}
  <div class="content">
{{ . }}
  </div>
  {{- end }}
  <ul class="pages">
  {{- range )go" +
           std::string(pages) +
           R"go( }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time>{{ .Date.Format "2006-01-02" }}</time>{{ end }}</li>
  {{- end }}
  </ul>
</section>
{{ end }}
)go";
}

}  // namespace

std::optional<std::string> HugoPlatform::read_template(const std::filesystem::path& root, std::string_view name) const {
    const std::string base(name);
    if (!is_safe_relative_path(base)) return std::nullopt;
    // The site's own layouts win over its themes' (Hugo's lookup order).
    std::vector<fs::path> layouts{root / "layouts"};
    std::error_code error;
    std::vector<fs::path> themes;
    for (fs::directory_iterator it(root / "themes", error), end; !error && it != end; it.increment(error))
        if (it->is_directory(error)) themes.push_back(it->path() / "layouts");
    std::sort(themes.begin(), themes.end());
    layouts.insert(layouts.end(), themes.begin(), themes.end());
    for (const auto& folder : layouts)
        for (std::string_view extension : {".html", ".md"}) {
            const fs::path path = folder / "shortcodes" / (base + std::string(extension));
            if (fs::is_regular_file(path, error)) return read_file(path);
        }
    return std::nullopt;
}

std::vector<OutputFile> HugoPlatform::write_templates(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& used, std::string_view source_platform,
    Warnings& warnings) const {
    std::vector<OutputFile> files;
    for (const auto& [name, text] : used) {
        if (!is_safe_relative_path(name)) continue;
        if (auto file = shortcode_for(name, text, source_platform, warnings)) files.push_back(std::move(*file));
    }
    return files;
}

std::vector<OutputFile> HugoPlatform::write_layouts() const {
    return {OutputFile{"layouts/_default/baseof.html", std::string(baseof_layout)},
            OutputFile{"layouts/_default/single.html", std::string(single_layout)},
            OutputFile{"layouts/_default/list.html", list_layout(".Pages")},
            OutputFile{"layouts/index.html", list_layout(".Site.RegularPages")}};
}

}  // namespace postport
