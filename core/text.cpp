#include "core/text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace postport {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        // Most text is ASCII: skip it eight bytes at a time.
        while (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, sizeof word);
            if (word & 0x8080808080808080u) break;
            i += 8;
        }
        if (i >= size) break;
        unsigned char c = bytes[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char min_second = 0x80;
        unsigned char max_second = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) min_second = 0xA0;  // overlong
            if (c == 0xED) max_second = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) min_second = 0x90;  // overlong
            if (c == 0xF4) max_second = 0x8F;  // beyond U+10FFFF
        } else {
            return i;
        }
        if (i + length > size) return i;
        if (bytes[i + 1] < min_second || bytes[i + 1] > max_second) return i;
        for (std::size_t k = 2; k < length; ++k)
            if ((bytes[i + k] & 0xC0) != 0x80) return i;
        i += length;
    }
    return std::nullopt;
}

bool uses_crlf(std::string_view text) {
    auto newline = text.find('\n');
    return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r';
}

std::string to_crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

std::string Fingerprint::hex() const {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash_));
    return buffer;
}

std::string fingerprint(std::string_view text) {
    Fingerprint print;
    print.add(text);
    return print.hex();
}

}  // namespace postport

#include "core/diagnostics.h"

namespace postport {

void check_article_text(std::string_view bytes, const std::string& display_path) {
    auto fail = [&](std::size_t offset, const std::string& message) {
        LineColumn at = line_column_at(bytes, offset);
        throw ParseError(SourceLocation{display_path, at.line, at.column}, message);
    };
    if (bytes.empty()) fail(0, "empty file: nothing to convert");
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos)
        fail(nul, "binary file (NUL byte): not a text article");
    if (auto bad = find_invalid_utf8(bytes)) fail(*bad, "invalid UTF-8");
}

std::string slugify(std::string_view title) {
    std::string slug;
    bool pending_dash = false;
    for (unsigned char c : title) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<unsigned char>(c - 'A' + 'a');
            keep = true;
        }
        if (!keep) {
            pending_dash = !slug.empty();
            continue;
        }
        if (pending_dash) slug += '-';
        pending_dash = false;
        slug += static_cast<char>(c);
    }
    return slug;
}

std::string zero_padded(int number, int width) {
    std::string digits = std::to_string(number < 0 ? -static_cast<long long>(number) : number);
    if (digits.size() < static_cast<std::size_t>(width)) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return number < 0 ? "-" + digits : digits;
}

std::optional<std::string> fixed_float_text(double number) {
    if (!std::isfinite(number)) return std::nullopt;
    char buffer[512];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
    if (error != std::errc()) return std::nullopt;
    std::string text(buffer, end);
    if (text.find('.') == std::string::npos) text += ".0";
    return text;
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > start) parts.emplace_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

std::string join_path(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += '/';
        out += part;
    }
    return out;
}

}  // namespace postport
