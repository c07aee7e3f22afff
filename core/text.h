// Byte-level facts about a file: BOM, encoding, line endings, fingerprints.
#pragma once

#include <charconv>
#include <cstdint>
#include <system_error>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postport {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Offset of the first byte that is not part of valid UTF-8, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Whether the first line break in `text` is CRLF.
bool uses_crlf(std::string_view text);

// Replaces every "\n" by "\r\n" (text written by postport only ever has "\n").
std::string to_crlf(std::string_view text);

// A short, stable fingerprint (FNV-1a, 64 bits, hex) to notice that a file
// was edited since postport wrote it. Not a security measure.
std::string fingerprint(std::string_view text);

// The same fingerprint, of bytes fed piece by piece.
class Fingerprint {
public:
    void add(std::string_view bytes) {
        for (char c : bytes) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 0x100000001b3ULL;
        }
    }
    [[nodiscard]] std::string hex() const;

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace postport

namespace postport {

// Refuses what cannot be an article: an empty file, a binary file (a NUL
// byte), invalid UTF-8. Throws ParseError at the offending line and column.
void check_article_text(std::string_view bytes, const std::string& display_path);

// A URL-safe slug from a title: lower-case ASCII letters and digits joined by
// '-'; other letters kept as they are. Empty if nothing is left.
std::string slugify(std::string_view title);

// ASCII white space: Ruby's and Go's \s.
constexpr bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// [A-Za-z0-9_]: the \w of Liquid and of Go template names.
constexpr bool is_ascii_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The number `text` is as a whole (std::from_chars), or nullopt.
template <typename Number>
std::optional<Number> parse_whole_number(std::string_view text) {
    Number number{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return number;
}

// `number` in decimal, with leading zeros to at least `width` digits.
std::string zero_padded(int number, int width);

// A finite float as digits with a '.' (never an exponent), so that template
// engines read it back as a float; nullopt for inf and nan.
std::optional<std::string> fixed_float_text(double number);

// Splits a '/'-separated relative path into its parts.
std::vector<std::string> split_path(std::string_view path);
std::string join_path(const std::vector<std::string>& parts);

}  // namespace postport
