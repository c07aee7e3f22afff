#include "converters/json/archive.h"

#include <algorithm>
#include <istream>
#include <iterator>
#include <optional>
#include <streambuf>
#include <vector>

#include "converters/json/format.h"
#include "core/paths.h"
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

// Reads a stream a byte at a time for nlohmann's parser, keeping the line
// and column of the last byte read: entries and errors are located as the
// archive goes by, with nothing of it kept.
class StreamCursor {
public:
    explicit StreamCursor(std::streambuf& source) : source_(source) {}

    [[nodiscard]] bool at_end() const { return source_.sgetc() == std::char_traits<char>::eof(); }
    [[nodiscard]] char peek() const { return std::char_traits<char>::to_char_type(source_.sgetc()); }
    void advance() {
        if (source_.sbumpc() == '\n') {
            ++line_;
            column_ = 0;
        } else {
            ++column_;
        }
    }
    // The line the next byte is on, and the column of the last byte read on it (0 for none).
    [[nodiscard]] int line() const { return line_; }
    [[nodiscard]] int column() const { return column_; }
    // Where the last byte read is (where the parser just stopped).
    [[nodiscard]] SourceLocation last_read(const std::string& display) const {
        return SourceLocation{display, line_, std::max(1, column_)};
    }
    // Reads the rest of the current line into `row`; false at the end of the stream.
    bool read_line(std::string& row) {
        row.clear();
        if (at_end()) return false;
        for (int c; (c = source_.sbumpc()) != std::char_traits<char>::eof() && c != '\n';)
            row.push_back(std::char_traits<char>::to_char_type(c));
        ++line_;
        column_ = 0;
        return true;
    }

    // The input iterator nlohmann's parser reads through.
    struct Iterator {
        using iterator_category = std::input_iterator_tag;
        using value_type = char;
        using difference_type = std::ptrdiff_t;
        using pointer = const char*;
        using reference = char;
        StreamCursor* cursor = nullptr;  // null: the end
        char operator*() const { return cursor->peek(); }
        Iterator& operator++() {
            cursor->advance();
            return *this;
        }
        Iterator operator++(int) {
            Iterator before = *this;
            ++*this;
            return before;
        }
        friend bool operator==(const Iterator& a, const Iterator& b) {
            return (!a.cursor || a.cursor->at_end()) == (!b.cursor || b.cursor->at_end());
        }
    };
    [[nodiscard]] Iterator begin() { return Iterator{this}; }
    [[nodiscard]] static Iterator end() { return Iterator{}; }

private:
    std::streambuf& source_;
    int line_ = 1;
    int column_ = 0;  // of the last byte read on line_; 0 before its first
};

// Writes the entries of an archive into a sink, checking each.
class Unpacker {
public:
    Unpacker(const std::string& display, SiteSink& sink, Warnings& warnings)
        : display_(display), sink_(sink), warnings_(warnings) {}

    // The archive, read from `in` as it goes: a site document, whose
    // entries are handed over one by one as each is complete, or NDJSON,
    // read a line at a time. Memory holds one entry, never the archive.
    void unpack(std::istream& in) {
        StreamCursor cursor(*in.rdbuf());
        for (const char bom : utf8_bom) {
            if (cursor.at_end() || cursor.peek() != bom) break;
            cursor.advance();
        }
        // The first value is the whole site document, or NDJSON's header line.
        DocumentReader reader(*this, cursor);
        OrderedJson::sax_parse(cursor.begin(), StreamCursor::end(), &reader, OrderedJson::input_format_t::json,
                               false);
        if (reader.saw_files()) {
            while (!cursor.at_end() && is_ascii_space(cursor.peek())) cursor.advance();
            if (!cursor.at_end()) {
                cursor.advance();
                throw ParseError(cursor.last_read(display_), "unexpected text after the end of the site document");
            }
            return;
        }
        const SourceLocation start{display_, 1, 1};
        header(reader.top(), start);
        if (reader.top().contains("files")) throw ParseError(start, R"(a postport site has "files": [...])");
        std::string row;
        const SourceLocation after_header{display_, cursor.line(), cursor.column() + 1};
        if (cursor.read_line(row)) {
            if (const auto text = row.find_first_not_of(" \t\r"); text != std::string::npos)
                throw ParseError(SourceLocation{display_, after_header.line, after_header.column + static_cast<int>(text)},
                                 R"(a postport site is one document with "files", or NDJSON with the header alone on its first line)");
        }
        for (int line = cursor.line(); cursor.read_line(row); line = cursor.line()) {
            if (row.find_first_not_of(" \t\r") == std::string::npos) continue;
            const SourceLocation where{display_, line, 1};
            entry(parse_json_text(row, where), where);
        }
    }

private:
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
        // The paths seen are kept as hashes, not as strings: a hash seen
        // before is a second entry when the sink holds that path already.
        if (seen_.contains(relative) && sink_.exists(relative)) {
            warnings_.add(WarningKind::DuplicateKey, where,
                          "a second entry for " + relative + "; the first is kept, this one is skipped");
            return;
        }
        seen_.insert(relative);
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

    // nlohmann's SAX events for one top-level value: the members of the top
    // object are kept, but for "files", whose entries are built one at a
    // time and handed to entry() as each ends.
    class DocumentReader final : public nlohmann::json_sax<OrderedJson> {
    public:
        DocumentReader(Unpacker& unpacker, StreamCursor& cursor) : unpacker_(unpacker), cursor_(cursor) {}

        [[nodiscard]] bool saw_files() const { return saw_files_; }
        [[nodiscard]] const OrderedJson& top() const { return top_; }

        bool null() override { return add(nullptr); }
        bool boolean(bool value) override { return add(value); }
        bool number_integer(number_integer_t value) override { return add(value); }
        bool number_unsigned(number_unsigned_t value) override { return add(value); }
        bool number_float(number_float_t value, const string_t& /*text*/) override { return add(value); }
        bool string(string_t& value) override { return add(std::move(value)); }
        bool binary(binary_t& value) override { return add(OrderedJson::binary(std::move(value))); }
        bool key(string_t& value) override {
            key_ = std::move(value);
            return true;
        }
        bool start_object(std::size_t /*size*/) override { return open(OrderedJson::object()); }
        bool start_array(std::size_t /*size*/) override {
            if (open_.size() == 1 && key_ == "files") {
                // The header comes first (holds_site asks for "format" as the first member).
                unpacker_.header(top_, SourceLocation{unpacker_.display_, 1, 1});
                saw_files_ = true;
                open_.push_back(nullptr);
                return true;
            }
            return open(OrderedJson::array());
        }
        bool end_object() override { return close(); }
        bool end_array() override { return close(); }
        bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                         const nlohmann::detail::exception& error) override {
            throw ParseError(cursor_.last_read(unpacker_.display_), json_error_reason(error.what()));
        }

    private:
        // Whether the value being read is an entry of "files" itself.
        [[nodiscard]] bool at_entry() const { return open_.size() == 2 && !open_.back(); }

        // Puts a value where the parser is: in the entry being built, as an
        // entry of its own, as a member of the top object, or as the top value.
        template <typename V>
        OrderedJson* place(V&& value) {
            if (open_.empty()) return &(top_ = std::forward<V>(value));
            if (at_entry()) {
                entry_start_ = cursor_.last_read(unpacker_.display_);
                return &(entry_ = std::forward<V>(value));
            }
            OrderedJson& parent = *open_.back();
            if (parent.is_object()) return &(parent[key_] = std::forward<V>(value));
            parent.push_back(std::forward<V>(value));
            return &parent.back();
        }

        template <typename V>
        bool add(V&& value) {
            const bool entry = at_entry();
            place(std::forward<V>(value));
            if (entry) hand_over();
            return true;
        }

        bool open(OrderedJson container) {
            open_.push_back(place(std::move(container)));
            return true;
        }

        bool close() {
            open_.pop_back();
            if (at_entry()) hand_over();
            return true;
        }

        void hand_over() {
            unpacker_.entry(entry_, entry_start_);
            entry_ = OrderedJson();
        }

        Unpacker& unpacker_;
        StreamCursor& cursor_;
        // The containers open, innermost last; "files" is a null placeholder:
        // its entries are built in entry_, one at a time.
        std::vector<OrderedJson*> open_;
        std::string key_;
        OrderedJson top_;
        OrderedJson entry_;
        SourceLocation entry_start_;
        bool saw_files_ = false;
    };

    const std::string& display_;
    SiteSink& sink_;
    Warnings& warnings_;
    PathHashSet seen_;
};

}  // namespace

bool JsonSiteArchive::holds_site(std::string_view text) const {
    return json_format::leading_format(text) == json_format::site;
}

void JsonSiteArchive::unpack(std::istream& in, const std::string& display, SiteSink& sink,
                             Warnings& warnings) const {
    Unpacker(display, sink, warnings).unpack(in);
    sink.finish();
}

std::unique_ptr<SiteSink> JsonSiteArchive::packer(std::ostream& out, std::string_view output_name) const {
    return std::make_unique<JsonSitePacker>(out, output_name == "-" || output_name.ends_with(".ndjson"));
}

}  // namespace postport
