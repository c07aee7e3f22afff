// Jekyll's side of templates: reading a site's includes, writing the
// includes a site converted from Hugo calls (Hugo shortcode templates
// translated from Go templates to Liquid where they only read their
// parameters, working stand-ins for Hugo's built-ins, stubs otherwise), and
// minimal layouts.
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <system_error>

#include "converters/jekyll/builtin_includes.h"
#include "core/text.h"
#include "converters/jekyll/jekyll.h"
#include "core/site.h"

namespace postport {

namespace {

namespace fs = std::filesystem;
constexpr auto npos = std::string_view::npos;

// ---------------------------------------------------------------------------
// Go templates, as far as a shortcode that only reads its parameters needs.

// The first construct of a template that stops its translation.
struct CannotTranslate {
    std::string construct;
    std::size_t offset = 0;  // in the template text
};


// A piece of a Go template: text, an action `{{ … }}` or a comment `{{/* */}}`.
struct GoPiece {
    enum class Kind { Text, Action, Comment };
    Kind kind = Kind::Text;
    std::string_view text;  // Text: the bytes; Action: between delimiters and trim markers
    std::size_t offset = 0;
    bool trim_left = false;   // `{{- `
    bool trim_right = false;  // ` -}}`
};

// Where the action starting after `{{` at `start` ends (the offset of its
// `}}`): string literals may hold `}}`.
std::size_t find_action_end(std::string_view source, std::size_t start) {
    for (std::size_t i = start; i + 1 < source.size(); ++i) {
        const char c = source[i];
        if (c == '"' || c == '\'') {
            for (++i; i < source.size() && source[i] != c && source[i] != '\n'; ++i)
                if (source[i] == '\\') ++i;
        } else if (c == '`') {
            i = source.find('`', i + 1);
            if (i == npos) return npos;
        } else if (c == '}' && source[i + 1] == '}') {
            return i;
        }
    }
    return npos;
}

// Splits a Go template the way text/template's lexer does: a trim marker is
// `{{-` or `-}}` separated from the action by white space.
std::vector<GoPiece> split_go_template(std::string_view source) {
    std::vector<GoPiece> pieces;
    std::size_t position = 0;
    while (position < source.size()) {
        const std::size_t open = source.find("{{", position);
        if (open != position)
            pieces.push_back({GoPiece::Kind::Text, source.substr(position, open - position), position});
        if (open == npos) break;
        GoPiece piece{GoPiece::Kind::Action, {}, open};
        std::size_t start = open + 2;
        if (start + 1 < source.size() && source[start] == '-' && is_ascii_space(source[start + 1])) {
            piece.trim_left = true;
            start += 2;
        }
        while (start < source.size() && is_ascii_space(source[start]) && piece.trim_left) ++start;
        std::size_t end = npos;
        if (source.substr(start, 2) == "/*") {
            piece.kind = GoPiece::Kind::Comment;
            const std::size_t close = source.find("*/", start + 2);
            if (close != npos) {
                std::size_t after = close + 2;
                if (source.substr(after, 3) == " -}") {
                    piece.trim_right = true;
                    after += 2;
                }
                if (source.substr(after, 2) == "}}") end = after;
            }
        } else {
            end = find_action_end(source, start);
        }
        if (end == npos) throw CannotTranslate{"an unclosed action", open};
        std::size_t body_end = end;
        if (piece.kind == GoPiece::Kind::Action && body_end >= start + 2 && source[body_end - 1] == '-' &&
            is_ascii_space(source[body_end - 2])) {
            piece.trim_right = true;
            body_end -= 1;
        }
        piece.text = source.substr(start, body_end - start);
        pieces.push_back(piece);
        position = end + 2;
    }
    return pieces;
}

struct GoToken {
    enum class Kind { Field, Variable, Identifier, String, Number, Dot, Pipe, Open, Close, Declare, Assign };
    Kind kind = Kind::Identifier;
    std::string text;  // String: the decoded value
    std::size_t offset = 0;
};

// Decodes a Go interpreted string literal starting at `text[i]` (the quote).
std::string read_go_string(std::string_view text, std::size_t& i, std::size_t base) {
    std::string value;
    for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] != '\\') {
            value += text[i];
            continue;
        }
        if (++i >= text.size()) break;
        switch (text[i]) {
            case 'n': value += '\n'; break;
            case 't': value += '\t'; break;
            case '\\': value += '\\'; break;
            case '"': value += '"'; break;
            default: throw CannotTranslate{"a string escape Liquid has no form for", base + i};
        }
    }
    if (i >= text.size()) throw CannotTranslate{"an unterminated string", base + i};
    ++i;
    return value;
}

std::vector<GoToken> tokenize_go_action(std::string_view text, std::size_t base) {
    std::vector<GoToken> tokens;
    std::size_t i = 0;
    auto word_end = [&](std::size_t from) {
        while (from < text.size() && (is_ascii_word_char(text[from]) || text[from] == '.')) ++from;
        return from;
    };
    while (i < text.size()) {
        const char c = text[i];
        const std::size_t at = base + i;
        if (is_ascii_space(c)) {
            ++i;
        } else if (c == '"') {
            tokens.push_back({GoToken::Kind::String, read_go_string(text, i, base), at});
        } else if (c == '`') {
            const std::size_t close = text.find('`', i + 1);
            if (close == npos) throw CannotTranslate{"an unterminated raw string", at};
            tokens.push_back({GoToken::Kind::String, std::string(text.substr(i + 1, close - i - 1)), at});
            i = close + 1;
        } else if (c == '|' || c == '(' || c == ')') {
            tokens.push_back({c == '|'   ? GoToken::Kind::Pipe
                              : c == '(' ? GoToken::Kind::Open
                                         : GoToken::Kind::Close,
                              std::string(1, c), at});
            ++i;
        } else if (c == ':' && i + 1 < text.size() && text[i + 1] == '=') {
            tokens.push_back({GoToken::Kind::Declare, ":=", at});
            i += 2;
        } else if (c == '=') {
            tokens.push_back({GoToken::Kind::Assign, "=", at});
            ++i;
        } else if (c == '.' && (i + 1 >= text.size() || !is_ascii_word_char(text[i + 1]))) {
            tokens.push_back({GoToken::Kind::Dot, ".", at});
            ++i;
        } else if (c == '.' || c == '$') {
            const std::size_t end = word_end(i + 1);
            tokens.push_back(
                {c == '.' ? GoToken::Kind::Field : GoToken::Kind::Variable, std::string(text.substr(i, end - i)), at});
            i = end;
        } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
                   (c == '-' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0)) {
            std::size_t end = i + 1;
            while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.'))
                ++end;
            tokens.push_back({GoToken::Kind::Number, std::string(text.substr(i, end - i)), at});
            i = end;
        } else if (is_ascii_word_char(c)) {
            const std::size_t end = word_end(i);
            tokens.push_back({GoToken::Kind::Identifier, std::string(text.substr(i, end - i)), at});
            i = end;
        } else {
            throw CannotTranslate{"`" + std::string(1, c) + "`", at};
        }
    }
    return tokens;
}

// A pipeline parsed: `[$x :=] command | command …`, a command being operands
// (a function or method and its arguments).
struct GoPipeline;
struct GoOperand {
    GoToken token;                       // for a parenthesized pipeline: the `(`
    std::unique_ptr<GoPipeline> nested;  // `( … )`
};
struct GoCommand {
    std::vector<GoOperand> operands;
};
struct GoPipeline {
    std::string variable;  // `$x` of `$x := …` / `$x = …`
    std::vector<GoCommand> commands;
    std::size_t offset = 0;
};

class GoPipelineParser {
public:
    GoPipelineParser(const std::vector<GoToken>& tokens, std::size_t first) : tokens_(tokens), next_(first) {}

    GoPipeline parse_all() {
        GoPipeline pipeline = parse_pipeline();
        if (next_ < tokens_.size()) throw CannotTranslate{"`" + tokens_[next_].text + "`", tokens_[next_].offset};
        return pipeline;
    }

private:
    GoPipeline parse_pipeline() {
        GoPipeline pipeline;
        pipeline.offset = next_ < tokens_.size() ? tokens_[next_].offset : 0;
        if (next_ + 1 < tokens_.size() && tokens_[next_].kind == GoToken::Kind::Variable &&
            (tokens_[next_ + 1].kind == GoToken::Kind::Declare || tokens_[next_ + 1].kind == GoToken::Kind::Assign)) {
            pipeline.variable = tokens_[next_].text;
            next_ += 2;
        }
        pipeline.commands.push_back(parse_command());
        while (next_ < tokens_.size() && tokens_[next_].kind == GoToken::Kind::Pipe) {
            ++next_;
            pipeline.commands.push_back(parse_command());
        }
        return pipeline;
    }

    GoCommand parse_command() {
        GoCommand command;
        while (next_ < tokens_.size()) {
            const GoToken& token = tokens_[next_];
            if (token.kind == GoToken::Kind::Pipe || token.kind == GoToken::Kind::Close) break;
            if (token.kind == GoToken::Kind::Declare || token.kind == GoToken::Kind::Assign)
                throw CannotTranslate{"`" + token.text + "`", token.offset};
            ++next_;
            GoOperand operand{token, nullptr};
            if (token.kind == GoToken::Kind::Open) {
                operand.nested = std::make_unique<GoPipeline>(parse_pipeline());
                if (next_ >= tokens_.size() || tokens_[next_].kind != GoToken::Kind::Close)
                    throw CannotTranslate{"an unclosed `(`", token.offset};
                ++next_;
            }
            command.operands.push_back(std::move(operand));
        }
        if (command.operands.empty())
            throw CannotTranslate{"an empty command", next_ < tokens_.size() ? tokens_[next_].offset : 0};
        return command;
    }

    const std::vector<GoToken>& tokens_;
    std::size_t next_;
};

// A value in Liquid terms: a variable path or literal, then filters.
struct LiquidValue {
    std::string primary;
    std::vector<std::string> filters;  // "markdownify", "default: \"x\""
    bool html = false;                 // Go would print it unescaped

    [[nodiscard]] bool plain() const { return filters.empty(); }
    [[nodiscard]] std::string text() const {
        std::string out = primary;
        for (const auto& filter : filters) out += " | " + filter;
        return out;
    }
};

// A Go expression: a value, or the logic of a condition (Go's not, and, or
// and comparisons).
struct GoExpr {
    enum class Kind { Value, Not, And, Or, Compare };
    Kind kind = Kind::Value;
    LiquidValue value;
    std::string op;  // Compare: the Liquid operator
    std::vector<GoExpr> args;
};

// Go pipeline functions that have a Liquid filter of the same meaning.
struct GoFunction {
    std::string_view go;
    std::string_view liquid;  // empty: nothing to do (Liquid never escapes)
    std::size_t arguments;    // besides the piped value
    enum class Result { Html, Text, AsInput } result;
};
constexpr GoFunction go_functions[] = {
    {"safeHTML", "", 0, GoFunction::Result::Html},
    {"safeCSS", "", 0, GoFunction::Result::Html},
    {"safeURL", "", 0, GoFunction::Result::Html},
    {"safeHTMLAttr", "", 0, GoFunction::Result::Html},
    {"safeJS", "", 0, GoFunction::Result::Html},
    {"markdownify", "markdownify", 0, GoFunction::Result::Html},
    {".Page.RenderString", "markdownify", 0, GoFunction::Result::Html},
    {"htmlEscape", "escape", 0, GoFunction::Result::Text},
    {"default", "default", 1, GoFunction::Result::AsInput},
    {"upper", "upcase", 0, GoFunction::Result::Text},
    {"lower", "downcase", 0, GoFunction::Result::Text},
    {"plainify", "strip_html", 0, GoFunction::Result::Text},
    {"relURL", "relative_url", 0, GoFunction::Result::Html},
    {"absURL", "absolute_url", 0, GoFunction::Result::Html},
    {"jsonify", "jsonify", 0, GoFunction::Result::Html},
};

const GoFunction* find_go_function(std::string_view name) {
    for (const auto& function : go_functions)
        if (function.go == name) return &function;
    return nullptr;
}

std::string_view comparison_operator(std::string_view go);

// The functions a translation knows: logic, comparisons, filters.
bool is_known_function(std::string_view name) {
    return name == "not" || name == "and" || name == "or" || !comparison_operator(name).empty() ||
           find_go_function(name) != nullptr;
}

std::string_view comparison_operator(std::string_view go) {
    if (go == "eq") return "==";
    if (go == "ne") return "!=";
    if (go == "lt") return "<";
    if (go == "le") return "<=";
    if (go == "gt") return ">";
    if (go == "ge") return ">=";
    return {};
}

// A string as a Liquid literal. Liquid strings have no escapes, and a `}`
// would end the output around it early (Liquid cuts `{{ … }` at the first `}`).
std::string liquid_string(const std::string& value, std::size_t offset) {
    if (value.find('}') != std::string::npos) throw CannotTranslate{"a string with `}`", offset};
    if (value.find('"') == std::string::npos) return "\"" + value + "\"";
    if (value.find('\'') == std::string::npos) return "'" + value + "'";
    throw CannotTranslate{"a string with both kinds of quotes", offset};
}

// `include.k`, or `include["k"]` for a name Liquid's dot cannot reach.
std::string include_parameter(const std::string& name, std::size_t offset) {
    bool simple = !name.empty() && std::isdigit(static_cast<unsigned char>(name.front())) == 0;
    for (char c : name) simple = simple && (is_ascii_word_char(c) || c == '-');
    return simple ? "include." + name : "include[" + liquid_string(name, offset) + "]";
}

// Liquid's `assign` writes to the page's scope: a name Jekyll or Liquid
// gives a meaning, or one of the include's own helpers, is renamed.
std::string liquid_variable(std::string_view go_variable) {
    std::string name(go_variable.substr(1));
    static constexpr std::string_view reserved[] = {"include",   "page",   "site",    "content",      "layout",
                                                    "paginator", "jekyll", "forloop", "tablerowloop", "empty",
                                                    "blank",     "nil",    "null",    "true",         "false"};
    const bool taken = name.starts_with("postport_") ||
                       std::find(std::begin(reserved), std::end(reserved), name) != std::end(reserved);
    return taken ? "postport_" + name : name;
}

// One Liquid tag or output, before delimiters.
struct LiquidTag {
    bool output = false;
    std::string body;
};

// Translates one Go shortcode template into a Liquid include; throws
// CannotTranslate at the first construct that is more than reading the
// call's parameters and inner content.
class GoToLiquid {
public:
    GoToLiquid(std::string_view source, std::string_view name) : source_(source), name_(name) {}

    std::string translate() {
        const std::vector<GoPiece> pieces = split_go_template(source_);
        for (const GoPiece& piece : pieces) {
            switch (piece.kind) {
                case GoPiece::Kind::Text: write_text(piece.text); break;
                case GoPiece::Kind::Comment: emit({}, piece); break;
                case GoPiece::Kind::Action: action(piece); break;
            }
        }
        if (!blocks_.empty())
            throw CannotTranslate{"an `" + blocks_.back().keyword + "` without `end`", blocks_.back().offset};
        return out_;
    }

private:
    struct Block {
        std::string keyword;  // if, with
        std::size_t offset = 0;
        std::optional<LiquidValue> dot;    // with: what `.` is in its body
        std::vector<std::string> closers;  // endif / endunless, innermost last
    };

    // Copies template text. A `{` before `{` or `%` would start a Liquid tag:
    // it is written as a Liquid string instead.
    void write_text(std::string_view text) {
        if (trim_next_text_) {
            while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
            trim_next_text_ = false;
        }
        for (std::size_t i = 0; i < text.size(); ++i) {
            const bool tag_follows = i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '%');
            out_ += text[i] == '{' && tag_follows ? std::string_view(escaped_brace) : text.substr(i, 1);
        }
    }

    // Before a tag: a `{` the text ended with would join it.
    void protect_brace_before_tag() {
        if (out_.empty() || out_.back() != '{') return;
        out_.pop_back();
        out_ += escaped_brace;
    }

    static constexpr std::string_view escaped_brace = R"({{ "{" }})";

    // Writes the tags one action became; the action's trim markers go to the
    // first and last of them, or straight to the text when there are none.
    void emit(const std::vector<LiquidTag>& tags, const GoPiece& piece) {
        if (tags.empty()) {
            if (piece.trim_left)
                while (!out_.empty() && is_ascii_space(out_.back())) out_.pop_back();
            if (piece.trim_right) trim_next_text_ = true;
            return;
        }
        trim_next_text_ = false;  // no text between a trim marker and this
        protect_brace_before_tag();
        for (std::size_t i = 0; i < tags.size(); ++i) {
            const bool left = i == 0 && piece.trim_left;
            const bool right = i + 1 == tags.size() && piece.trim_right;
            out_ += tags[i].output ? "{{" : "{%";
            out_ += left ? "- " : " ";
            out_ += tags[i].body;
            out_ += right ? " -" : " ";
            out_ += tags[i].output ? "}}" : "%}";
        }
    }

    void action(const GoPiece& piece) {
        const auto body_offset = static_cast<std::size_t>(piece.text.data() - source_.data());
        const std::vector<GoToken> tokens = tokenize_go_action(piece.text, body_offset);
        if (tokens.empty()) throw CannotTranslate{"an empty action", piece.offset};
        std::vector<LiquidTag> tags;
        const GoToken& first = tokens.front();
        const std::string keyword = first.kind == GoToken::Kind::Identifier ? first.text : "";
        if (keyword == "if" || keyword == "with") {
            open_block(keyword, tokens, first.offset, tags);
        } else if (keyword == "else") {
            else_branch(tokens, first.offset, tags);
        } else if (keyword == "end") {
            close_block(first.offset, tags);
        } else if (keyword == "range" || keyword == "template" || keyword == "block" || keyword == "define" ||
                   keyword == "break" || keyword == "continue") {
            throw CannotTranslate{"`" + keyword + "`", first.offset};
        } else {
            GoPipeline pipeline = GoPipelineParser(tokens, 0).parse_all();
            if (!pipeline.variable.empty()) {
                assign(pipeline, tags);
            } else {
                LiquidValue value = as_value(expression(pipeline), tags, false);
                if (!value.html) value.filters.emplace_back("escape");  // Go escapes what is not HTML
                tags.push_back({true, value.text()});
            }
        }
        emit(tags, piece);
    }

    void assign(const GoPipeline& pipeline, std::vector<LiquidTag>& tags) {
        if (pipeline.variable == "$") throw CannotTranslate{"an assignment to `$`", pipeline.offset};
        const LiquidValue value = as_value(expression(pipeline.commands, pipeline.offset), tags, false);
        variables_[pipeline.variable] = value.html;
        tags.push_back({false, "assign " + liquid_variable(pipeline.variable) + " = " + value.text()});
    }

    void open_block(const std::string& keyword, const std::vector<GoToken>& tokens, std::size_t offset,
                    std::vector<LiquidTag>& tags) {
        GoPipeline pipeline = GoPipelineParser(tokens, 1).parse_all();
        Block block{keyword, offset, std::nullopt, {}};
        if (keyword == "with") {
            block.dot = with_value(pipeline, tags);
            tags.push_back({false, "if " + truth_test(*block.dot)});
            block.closers.emplace_back("endif");
        } else {
            if (!pipeline.variable.empty()) throw CannotTranslate{"a variable declared in `if`", offset};
            block.closers.push_back(conditional(expression(pipeline), tags));
        }
        blocks_.push_back(std::move(block));
    }

    // `with`: the value `.` takes in the body, as a plain Liquid value.
    LiquidValue with_value(const GoPipeline& pipeline, std::vector<LiquidTag>& tags) {
        if (pipeline.variable.empty()) return as_value(expression(pipeline), tags, true);
        assign(pipeline, tags);
        return LiquidValue{liquid_variable(pipeline.variable), {}, variables_[pipeline.variable]};
    }

    void else_branch(const std::vector<GoToken>& tokens, std::size_t offset, std::vector<LiquidTag>& tags) {
        if (blocks_.empty()) throw CannotTranslate{"`else` outside a block", offset};
        Block& block = blocks_.back();
        block.dot.reset();  // a with's else branch sees the outer dot
        if (tokens.size() == 1) {
            tags.push_back({false, "else"});
            return;
        }
        if (tokens[1].kind != GoToken::Kind::Identifier || tokens[1].text != "if")
            throw CannotTranslate{"`else " + tokens[1].text + "`", tokens[1].offset};
        GoPipeline pipeline = GoPipelineParser(tokens, 2).parse_all();
        GoExpr condition = expression(pipeline);
        // An `elsif` where the condition needs no tags before it; else a
        // nested block closed with the outer one.
        std::vector<LiquidTag> prelude;
        std::string test;
        const bool negated = condition.kind == GoExpr::Kind::Not;
        test = inline_condition(negated ? condition.args.front() : condition, prelude);
        if (prelude.empty() && !negated) {
            tags.push_back({false, "elsif " + test});
            return;
        }
        tags.push_back({false, "else"});
        tags.insert(tags.end(), prelude.begin(), prelude.end());
        tags.push_back({false, (negated ? "unless " : "if ") + test});
        block.closers.emplace_back(negated ? "endunless" : "endif");
    }

    void close_block(std::size_t offset, std::vector<LiquidTag>& tags) {
        if (blocks_.empty()) throw CannotTranslate{"`end` without a block", offset};
        const Block& block = blocks_.back();
        for (auto closer = block.closers.rbegin(); closer != block.closers.rend(); ++closer)
            tags.push_back({false, *closer});
        blocks_.pop_back();
    }

    // An `if`: writes the prelude and the opening tag, returns the closer.
    std::string conditional(const GoExpr& condition, std::vector<LiquidTag>& tags) {
        if (condition.kind == GoExpr::Kind::Not) {
            const std::string test = inline_condition(condition.args.front(), tags);
            tags.push_back({false, "unless " + test});
            return "endunless";
        }
        const std::string test = inline_condition(condition, tags);
        tags.push_back({false, "if " + test});
        return "endif";
    }

    // Go's truth: not the zero value, so an empty string is false, which
    // Liquid would count as true.
    static std::string truth_test(const LiquidValue& value) {
        const std::string text = value.text();
        return text + " and " + text + " != \"\"";
    }

    // A condition as a Liquid expression. Liquid has no parentheses and reads
    // `and`/`or` from the right, so only chains of one operator are written
    // inline; anything else is computed into a flag first.
    std::string inline_condition(const GoExpr& condition, std::vector<LiquidTag>& tags) {
        switch (condition.kind) {
            case GoExpr::Kind::Value: return truth_test(plain(condition.value, tags));
            case GoExpr::Kind::Compare:
                return plain(condition.args[0].value, tags).text() + " " + condition.op + " " +
                       plain(condition.args[1].value, tags).text();
            case GoExpr::Kind::And: {
                std::string out;
                for (const auto& arg : condition.args) {
                    if (!out.empty()) out += " and ";
                    out += arg.kind == GoExpr::Kind::Value || arg.kind == GoExpr::Kind::Compare ||
                                   arg.kind == GoExpr::Kind::And
                               ? inline_condition(arg, tags)
                               : flag(arg, tags);
                }
                return out;
            }
            case GoExpr::Kind::Or: {
                const bool atomic = std::all_of(condition.args.begin(), condition.args.end(),
                                                [](const GoExpr& arg) { return arg.kind == GoExpr::Kind::Compare; });
                if (!atomic) return flag(condition, tags);
                std::string out;
                for (const auto& arg : condition.args) out += (out.empty() ? "" : " or ") + inline_condition(arg, tags);
                return out;
            }
            case GoExpr::Kind::Not: return flag(condition, tags);
        }
        return {};
    }

    // Computes a condition into a new variable holding true or false.
    std::string flag(const GoExpr& condition, std::vector<LiquidTag>& tags) {
        const std::string name = temporary();
        auto set_if = [&](const GoExpr& test, bool value) {
            tags.push_back({false, "if " + inline_condition(test, tags)});
            tags.push_back({false, "assign " + name + " = " + (value ? "true" : "false")});
            tags.push_back({false, "endif"});
        };
        if (condition.kind == GoExpr::Kind::Not) {
            tags.push_back({false, "assign " + name + " = true"});
            set_if(condition.args.front(), false);
        } else if (condition.kind == GoExpr::Kind::Or) {
            tags.push_back({false, "assign " + name + " = false"});
            for (const auto& arg : condition.args) set_if(arg, true);
        } else {
            tags.push_back({false, "assign " + name + " = false"});
            set_if(condition, true);
        }
        return name;
    }

    std::string temporary() { return "postport_t" + std::to_string(++temporaries_); }

    // A value without filters: one with filters is assigned to a variable
    // first (Liquid allows filters only in outputs and assignments).
    LiquidValue plain(const LiquidValue& value, std::vector<LiquidTag>& tags) {
        if (value.plain()) return value;
        const std::string name = temporary();
        tags.push_back({false, "assign " + name + " = " + value.text()});
        return LiquidValue{name, {}, value.html};
    }

    // An expression as a value: Go's `or` returns its first non-empty
    // argument, which is Liquid's `default`; other logic yields true/false.
    LiquidValue as_value(const GoExpr& expr, std::vector<LiquidTag>& tags, bool want_plain) {
        LiquidValue value;
        if (expr.kind == GoExpr::Kind::Value) {
            value = expr.value;
        } else if (expr.kind == GoExpr::Kind::Or &&
                   std::all_of(expr.args.begin(), expr.args.end(),
                               [](const GoExpr& arg) { return arg.kind == GoExpr::Kind::Value; })) {
            value = expr.args.front().value;
            for (std::size_t i = 1; i < expr.args.size(); ++i) {
                const LiquidValue fallback = plain(expr.args[i].value, tags);
                value.filters.push_back("default: " + fallback.text());
                value.html = value.html && fallback.html;
            }
        } else {
            value = LiquidValue{flag(expr, tags), {}, true};
        }
        return want_plain ? plain(value, tags) : value;
    }

    GoExpr expression(const GoPipeline& pipeline) {
        if (!pipeline.variable.empty())
            throw CannotTranslate{"a variable declared inside an expression", pipeline.offset};
        return expression(pipeline.commands, pipeline.offset);
    }

    GoExpr expression(const std::vector<GoCommand>& commands, std::size_t offset) {
        GoExpr expr = command(commands.front(), nullptr);
        for (std::size_t i = 1; i < commands.size(); ++i) {
            if (expr.kind != GoExpr::Kind::Value) throw CannotTranslate{"a condition piped into a function", offset};
            expr = command(commands[i], &expr.value);
        }
        return expr;
    }

    static GoExpr value_expr(LiquidValue value) { return GoExpr{GoExpr::Kind::Value, std::move(value), {}, {}}; }

    // One command: a function with its arguments (and the piped value last),
    // or a single operand.
    GoExpr command(const GoCommand& command, const LiquidValue* piped) {
        const GoOperand& head = command.operands.front();
        const GoToken& token = head.token;
        const bool is_function = token.kind == GoToken::Kind::Identifier && token.text != "true" &&
                                 token.text != "false" && token.text != "nil";
        if (is_function || token.text == ".Page.RenderString") {
            if (!is_known_function(token.text))
                throw CannotTranslate{"the function `" + token.text + "`", token.offset};
            std::vector<GoExpr> args;
            for (std::size_t i = 1; i < command.operands.size(); ++i) args.push_back(operand(command.operands[i]));
            if (piped != nullptr) args.push_back(value_expr(*piped));
            return function(token, std::move(args));
        }
        if (token.kind == GoToken::Kind::Field ||
            (token.kind == GoToken::Kind::Variable && token.text.starts_with("$.")))
            return value_expr(method(command, piped));
        if (command.operands.size() > 1 || piped != nullptr)
            throw CannotTranslate{"arguments to `" + token.text + "`, which is not a function", token.offset};
        return operand(head);
    }

    GoExpr function(const GoToken& token, std::vector<GoExpr> args) {
        const std::string& name = token.text;
        if (name == "not") {
            if (args.size() != 1)
                throw CannotTranslate{"`not` with " + std::to_string(args.size()) + " arguments", token.offset};
            return GoExpr{GoExpr::Kind::Not, {}, {}, std::move(args)};
        }
        if (name == "and" || name == "or") {
            if (args.size() < 2) throw CannotTranslate{"`" + name + "` with fewer than 2 arguments", token.offset};
            return GoExpr{name == "and" ? GoExpr::Kind::And : GoExpr::Kind::Or, {}, {}, std::move(args)};
        }
        if (auto op = comparison_operator(name); !op.empty()) {
            if (args.size() != 2)
                throw CannotTranslate{"`" + name + "` with " + std::to_string(args.size()) + " arguments",
                                      token.offset};
            for (const auto& arg : args)
                if (arg.kind != GoExpr::Kind::Value)
                    throw CannotTranslate{"a condition compared with `" + name + "`", token.offset};
            return GoExpr{GoExpr::Kind::Compare, {}, std::string(op), std::move(args)};
        }
        const GoFunction* known = find_go_function(name);
        if (known == nullptr) throw CannotTranslate{"the function `" + name + "`", token.offset};
        if (args.size() != known->arguments + 1)
            throw CannotTranslate{"`" + name + "` with " + std::to_string(args.size()) + " arguments", token.offset};
        for (const auto& arg : args)
            if (arg.kind != GoExpr::Kind::Value)
                throw CannotTranslate{"a condition passed to `" + name + "`", token.offset};
        LiquidValue value = args.back().value;
        if (!known->liquid.empty()) {
            std::string filter(known->liquid);
            for (std::size_t i = 0; i + 1 < args.size(); ++i) {
                if (!args[i].value.plain())
                    throw CannotTranslate{"a filtered argument to `" + name + "`", token.offset};
                filter += (i == 0 ? ": " : ", ") + args[i].value.text();
            }
            value.filters.push_back(std::move(filter));
        }
        if (known->result != GoFunction::Result::AsInput) value.html = known->result == GoFunction::Result::Html;
        return value_expr(std::move(value));
    }

    // `.Get "k"`, `.Get 0`, `.Inner`, `.Name` (also through `$`).
    LiquidValue method(const GoCommand& command, const LiquidValue* piped) {
        const GoToken& token = command.operands.front().token;
        const std::string field = token.text.starts_with("$") ? token.text.substr(1) : token.text;
        const std::size_t argument_count = command.operands.size() - 1 + (piped != nullptr ? 1 : 0);
        if (field == ".Get") {
            if (argument_count != 1 || piped != nullptr)
                throw CannotTranslate{"`.Get` with " + std::to_string(argument_count) + " arguments", token.offset};
            const GoToken& key = command.operands[1].token;
            if (key.kind == GoToken::Kind::String)
                return LiquidValue{include_parameter(key.text, key.offset), {}, false};
            if (key.kind == GoToken::Kind::Number && key.text.find_first_not_of("0123456789") == std::string::npos)
                return LiquidValue{"include._" + key.text, {}, false};
            throw CannotTranslate{"`.Get` with a computed key", key.offset};
        }
        if (argument_count != 0) throw CannotTranslate{"`" + field + "` with arguments", token.offset};
        if (field == ".Inner" || field == ".InnerDeindent") return LiquidValue{"include.inner", {}, true};
        if (field == ".Name") return LiquidValue{liquid_string(name_, token.offset), {}, false};
        throw CannotTranslate{"`" + field + "`", token.offset};
    }

    GoExpr operand(const GoOperand& operand) {
        const GoToken& token = operand.token;
        switch (token.kind) {
            case GoToken::Kind::Open: return expression(*operand.nested);
            case GoToken::Kind::String: return value_expr({liquid_string(token.text, token.offset), {}, false});
            case GoToken::Kind::Number: return value_expr({token.text, {}, false});
            case GoToken::Kind::Dot: {
                for (auto block = blocks_.rbegin(); block != blocks_.rend(); ++block)
                    if (block->dot) return value_expr(*block->dot);
                throw CannotTranslate{"`.` outside `with`", token.offset};
            }
            case GoToken::Kind::Variable: {
                if (token.text.starts_with("$.")) {
                    GoCommand single;
                    single.operands.push_back(GoOperand{token, nullptr});
                    return value_expr(method(single, nullptr));
                }
                auto known = variables_.find(token.text);
                if (known == variables_.end()) throw CannotTranslate{"`" + token.text + "`", token.offset};
                return value_expr({liquid_variable(token.text), {}, known->second});
            }
            case GoToken::Kind::Identifier:
                if (token.text == "true" || token.text == "false") return value_expr({token.text, {}, false});
                break;
            case GoToken::Kind::Field: {
                GoCommand single;
                single.operands.push_back(GoOperand{token, nullptr});
                return value_expr(method(single, nullptr));
            }
            default: break;
        }
        throw CannotTranslate{"`" + token.text + "`", token.offset};
    }

    std::string_view source_;
    std::string name_;
    std::string out_;
    std::vector<Block> blocks_;
    std::map<std::string, bool> variables_;  // Go variable -> holds HTML
    int temporaries_ = 0;
    bool trim_next_text_ = false;
};

// ---------------------------------------------------------------------------

std::string include_path(std::string_view name) { return "_includes/" + std::string(name) + ".html"; }

// What stands in for a call that has no usable template.
struct Fallback {
    std::string text;
    std::string how;  // what the include does, for messages
    bool complete;    // does what Hugo would, so a call without template needs no report
};

Fallback fallback_include(const std::string& name) {
    if (auto builtin = hugo_builtin_include(name)) {
        const bool complete = builtin->caveat.empty();
        return {builtin->text, complete ? "renders it as Hugo's built-in does" : builtin->caveat, complete};
    }
    if (is_html_element_name(name))
        return {html_element_include(name), "writes a <" + name + "> element with the call's parameters as attributes",
                true};
    return {stub_include(name), "is a stub that shows the call's parameters", false};
}

// The text of a call's include, reporting what needs porting.
std::string include_for(const std::string& name, const std::optional<std::string>& source_text,
                        std::string_view source_platform, Warnings& warnings) {
    if (source_text && source_platform == "jekyll") return *source_text;
    const std::string output = include_path(name);
    SourceLocation where{output, 0, 0};
    std::string problem;  // why the site's template is not used
    if (source_text && source_platform == "hugo") {
        try {
            return GoToLiquid(*source_text, name).translate();
        } catch (const CannotTranslate& stop) {
            const LineColumn at = line_column_at(*source_text, stop.offset);
            where = SourceLocation{"layouts/shortcodes/" + name + ".html", at.line, at.column};
            problem = "shortcode template `" + name + "` uses " + stop.construct + ", which has no Liquid translation";
        }
    } else if (source_text) {
        problem = "template `" + name + "` is written for " + std::string(source_platform);
    }
    Fallback fallback = fallback_include(name);
    if (problem.empty()) {
        if (fallback.complete) return std::move(fallback.text);
        if (hugo_builtin_include(name)) {  // the caveat says it all
            warnings.add(WarningKind::NeedsPorting, where, fallback.how);
            return std::move(fallback.text);
        }
        problem = "no template found for `" + name + "` in the " + std::string(source_platform) + " site";
    }
    warnings.add(WarningKind::NeedsPorting, where, problem + "; " + output + " " + fallback.how);
    return std::move(fallback.text);
}

// Jekyll layouts. The article markup is shared: `default` shows it for a
// page that uses `default` directly, `post` and `page` show it and tell
// `default` (through the layout data Jekyll merges) not to repeat it.
constexpr std::string_view article_liquid = R"liquid(<article class="postport-article">
  <h1 class="title">{{ page.title | escape }}</h1>
  {%- if page.date %}
  <time class="date" datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%Y-%m-%d" }}</time>
  {%- endif %}
  {%- if page.tags.size > 0 %}
  <ul class="tags">{% for tag in page.tags %}<li>{{ tag | escape }}</li>{% endfor %}</ul>
  {%- endif %}
  {%- if page.categories.size > 0 %}
  <ul class="categories">{% for category in page.categories %}<li>{{ category | escape }}</li>{% endfor %}</ul>
  {%- endif %}
  <div class="content">
{{ content }}
  </div>
</article>
)liquid";

std::string default_layout() {
    return std::string(R"liquid(<!DOCTYPE html>
<html lang="{{ site.lang | default: "en" }}">
<head>
  <meta charset="utf-8">
  <title>{% if page.title %}{{ page.title | escape }} | {% endif %}{{ site.title | escape }}</title>
</head>
<body>
  <header class="site-header"><a href="{{ "/" | relative_url }}">{{ site.title | escape }}</a></header>
  <main>
{% if layout.postport_article %}{{ content }}{% else %})liquid") +
           std::string(article_liquid) + R"liquid({% endif %}
  </main>
</body>
</html>
)liquid";
}

std::string article_layout() {
    return "---\nlayout: default\npostport_article: true\n---\n" + std::string(article_liquid);
}

}  // namespace

std::optional<std::string> JekyllPlatform::read_template(const std::filesystem::path& root,
                                                         std::string_view name) const {
    // A name with an extension is the include file's own name.
    const std::size_t slash = name.rfind('/');
    const std::string_view base = slash == npos ? name : name.substr(slash + 1);
    const std::string file = std::string(name) + (base.find('.') == npos ? ".html" : "");
    if (!is_safe_relative_path(file)) return std::nullopt;
    const fs::path path = root / "_includes" / file;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return std::nullopt;
    return read_file(path);
}

std::vector<OutputFile> JekyllPlatform::write_templates(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& used, std::string_view source_platform,
    Warnings& warnings) const {
    std::vector<OutputFile> files;
    for (const auto& [name, text] : used) {
        if (!is_safe_relative_path(include_path(name))) continue;
        files.push_back(OutputFile{include_path(name), include_for(name, text, source_platform, warnings)});
    }
    return files;
}

std::vector<OutputFile> JekyllPlatform::write_layouts() const {
    return {OutputFile{"_layouts/default.html", default_layout()}, OutputFile{"_layouts/post.html", article_layout()},
            OutputFile{"_layouts/page.html", article_layout()}};
}

}  // namespace postport
