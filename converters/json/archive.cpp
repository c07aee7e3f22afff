#include "converters/json/archive.h"

#include <array>
#include <iterator>
#include <optional>
#include <set>

#include "converters/json/format.h"
#include "core/site.h"
#include "core/text.h"
#include "core/typed_json.h"

namespace postport {

namespace {

constexpr std::string_view base64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encode_base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto chunk = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
                           static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                           static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
        for (int shift : {18, 12, 6, 0}) out += base64_alphabet[(chunk >> shift) & 63U];
    }
    if (i < bytes.size()) {
        unsigned chunk = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
        if (i + 1 < bytes.size()) chunk |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += base64_alphabet[(chunk >> 18) & 63U];
        out += base64_alphabet[(chunk >> 12) & 63U];
        out += i + 1 < bytes.size() ? base64_alphabet[(chunk >> 6) & 63U] : '=';
        out += '=';
    }
    return out;
}

// Strict RFC 4648 base64 (padding required, no other characters); nullopt if not.
std::optional<std::string> decode_base64_strict(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        unsigned chunk = 0;
        int padding = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = text[i + k];
            chunk <<= 6;
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                ++padding;
                continue;
            }
            if (padding > 0) return std::nullopt;
            const std::size_t value = base64_alphabet.find(c);
            if (value == std::string_view::npos) return std::nullopt;
            chunk |= static_cast<unsigned>(value);
        }
        out += static_cast<char>((chunk >> 16) & 0xFFU);
        if (padding < 2) out += static_cast<char>((chunk >> 8) & 0xFFU);
        if (padding < 1) out += static_cast<char>(chunk & 0xFFU);
    }
    return out;
}

// A post file as the json platform writes it: one line holding the post object.
bool is_post_line(std::string_view bytes) {
    return json_format::leading_format(bytes) == json_format::post && bytes.starts_with("{") &&
           bytes.ends_with("}\n") && bytes.find('\n') == bytes.size() - 1;
}

// Packs each file as it comes: a line per entry, nothing kept.
class JsonSitePacker final : public SiteSink {
public:
    JsonSitePacker(std::ostream& out, bool ndjson) : out_(out), ndjson_(ndjson) {
        emit(std::string(R"({"format":"postport-site","version":1)") + (ndjson ? "}\n" : R"(,"files":[)"));
    }

    void write(const std::string& relative, std::string_view bytes) override {
        std::string entry = R"({"path":)" + dump_json(relative);
        if (is_post_line(bytes)) {
            entry += R"(,"post":)";
            entry += bytes.substr(0, bytes.size() - 1);
        } else if (!find_invalid_utf8(bytes)) {
            entry += R"(,"text":)" + dump_json(OrderedJson(std::string(bytes)));
        } else {
            entry += R"(,"base64":")" + encode_base64(bytes) + "\"";
        }
        entry += "}";
        if (ndjson_) entry += "\n";
        else entry.insert(0, first_ ? "\n" : ",\n");
        first_ = false;
        emit(entry);
    }

    // Asked only before writing a layout the target generates, and json
    // generates none (JsonPlatform::write_layouts); an archive being written
    // holds nothing of the user's. Keeping every path for it would be the
    // one part of packing a site that grows with the site.
    [[nodiscard]] bool exists(const std::string& /*relative*/) const override { return false; }

    void finish() override {
        if (!ndjson_) emit("\n]}\n");
        out_.flush();
        if (!out_) throw std::runtime_error("cannot write the JSON site");
    }

private:
    void emit(std::string_view text) {
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out_) throw std::runtime_error("cannot write the JSON site");
    }

    std::ostream& out_;
    bool ndjson_;
    bool first_ = true;
};

// Writes the entries of an archive into a sink, checking each.
class Unpacker {
public:
    Unpacker(std::string_view text, const std::string& display, SiteSink& sink, Warnings& warnings)
        : text_(text), display_(display), sink_(sink), warnings_(warnings) {}

    // `where` is the entry's position in the archive.
    void entry(const OrderedJson& entry, const SourceLocation& where) {
        auto fail = [&](const std::string& message) { throw ParseError(where, message); };
        const std::string expected =
            R"(expected a file entry {"path": P, and one of "post": {...}, "text": "...", "base64": "..."})";
        if (!entry.is_object()) fail(expected);
        const auto path = entry.find("path");
        if (path == entry.end() || !path->is_string()) fail("missing \"path\" (a string): " + expected);
        const std::string& relative = path->get_ref<const std::string&>();
        if (!is_safe_relative_path(relative))
            fail("refusing path " + dump_json(*path) +
                 ": entries must be relative paths inside the site (no '..', no leading '/', no NUL)");
        int contents = 0;
        std::string bytes;
        if (const auto post = entry.find("post"); post != entry.end()) {
            ++contents;
            try {
                json_format::decode_post(*post);
            } catch (const TypedJsonError& error) {
                fail("in \"post\" of " + relative + ": " + error.what());
            }
            bytes = dump_json(*post) + "\n";
        }
        if (const auto text = entry.find("text"); text != entry.end()) {
            ++contents;
            if (!text->is_string()) fail("\"text\" of " + relative + " must be a string");
            bytes = text->get<std::string>();
        }
        if (const auto encoded = entry.find("base64"); encoded != entry.end()) {
            ++contents;
            auto decoded = encoded->is_string() ? decode_base64_strict(encoded->get_ref<const std::string&>())
                                                : std::nullopt;
            if (!decoded) fail("\"base64\" of " + relative + " is not base64 text");
            bytes = std::move(*decoded);
        }
        if (contents != 1) fail("entry " + relative + " must have exactly one of \"post\", \"text\", \"base64\"");
        if (!seen_.insert(relative).second) {
            warnings_.add(WarningKind::DuplicateKey, where,
                          "a second entry for " + relative + "; the first is kept, this one is skipped");
            return;
        }
        sink_.write(relative, bytes);
    }

    void header(const OrderedJson& object, const SourceLocation& where) const {
        const auto format = object.is_object() ? object.find("format") : object.end();
        if (!object.is_object() || format == object.end() || *format != json_format::site)
            throw ParseError(where, R"(expected a postport site: {"format": "postport-site", "version": 1, ...})");
        const auto version = object.find("version");
        if (version == object.end() || *version != json_format::version)
            throw ParseError(where, "this postport reads postport-site version 1");
    }

    void ndjson() {
        std::size_t start = 0;
        int line = 0;
        bool header_seen = false;
        while (start < text_.size()) {
            ++line;
            std::size_t end = text_.find('\n', start);
            if (end == std::string_view::npos) end = text_.size();
            const std::string_view row = text_.substr(start, end - start);
            start = end + 1;
            if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            const SourceLocation where{display_, line, 1};
            const OrderedJson object = parse_json_text(row, where);
            if (!header_seen) {
                header(object, where);
                header_seen = true;
            } else {
                entry(object, where);
            }
        }
    }

    // One site document, parsed with a callback that hands each entry of
    // "files" over as soon as it is complete and then drops it.
    void document() {
        const char* begin = text_.data();
        const char* reached = begin;
        TrackingIterator first{begin, &reached};
        TrackingIterator last{begin + text_.size(), &reached};
        std::string top_key;
        bool in_files = false;
        std::size_t entry_start = 0;
        const SourceLocation origin{display_, 1, 1};
        auto callback = [&](int depth, OrderedJson::parse_event_t event, OrderedJson& parsed) {
            using Event = OrderedJson::parse_event_t;
            if (depth == 1 && event == Event::key) top_key = parsed.get<std::string>();
            if (depth == 1 && event == Event::array_start) in_files = top_key == "files";
            if (depth == 1 && event == Event::array_end) in_files = false;
            if (depth != 2 || !in_files) return true;
            const std::size_t offset = static_cast<std::size_t>(reached - begin);
            if (event == Event::object_start) entry_start = offset > 0 ? offset - 1 : 0;
            if (event == Event::object_end) {
                entry(parsed, json_location(text_, entry_start, origin));
                return false;
            }
            if (event == Event::value) {
                entry(parsed, json_location(text_, offset > 0 ? offset - 1 : 0, origin));
                return false;
            }
            return true;
        };
        OrderedJson top;
        try {
            top = OrderedJson::parse(first, last, callback);
        } catch (const OrderedJson::exception&) {
            parse_json_text(text_, origin);  // throws the syntax error at its position
            throw;
        }
        header(top, json_start_location(text_, origin));
        if (!top.contains("files") || !top["files"].is_array())
            throw ParseError(json_start_location(text_, origin), R"(a postport site has "files": [...])");
    }

private:
    // An input iterator over the text that tells how far the parser has read,
    // so that entries are located in the file.
    struct TrackingIterator {
        using iterator_category = std::input_iterator_tag;
        using value_type = char;
        using difference_type = std::ptrdiff_t;
        using pointer = const char*;
        using reference = const char&;
        const char* at = nullptr;
        const char** reached = nullptr;
        reference operator*() const { return *at; }
        TrackingIterator& operator++() {
            *reached = ++at;
            return *this;
        }
        TrackingIterator operator++(int) {
            TrackingIterator before = *this;
            ++*this;
            return before;
        }
        friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.at == b.at; }
    };

    std::string_view text_;
    const std::string& display_;
    SiteSink& sink_;
    Warnings& warnings_;
    std::set<std::string> seen_;
};

// Whether the text's first line is the whole NDJSON header (a site document
// opens its "files" array on that line).
bool is_ndjson(std::string_view text) {
    const std::string_view first_line = text.substr(0, text.find('\n'));
    if (!OrderedJson::accept(first_line.begin(), first_line.end())) return false;
    const OrderedJson header = OrderedJson::parse(first_line.begin(), first_line.end());
    return header.is_object() && !header.contains("files");
}

}  // namespace

bool JsonSiteArchive::holds_site(std::string_view text) const {
    return json_format::leading_format(text) == json_format::site;
}

void JsonSiteArchive::unpack(std::string_view text, const std::string& display, SiteSink& sink,
                             Warnings& warnings) const {
    if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
    Unpacker unpacker(text, display, sink, warnings);
    if (is_ndjson(text)) unpacker.ndjson();
    else unpacker.document();
    sink.finish();
}

std::unique_ptr<SiteSink> JsonSiteArchive::packer(std::ostream& out, std::string_view output_name) const {
    return std::make_unique<JsonSitePacker>(out, output_name == "-" || output_name.ends_with(".ndjson"));
}

}  // namespace postport
