// Ghost's export vocabulary, shared by the platform (one article) and the
// archive (a whole export): its columns, its dates, its editor documents and
// postport's article files (platforms.md section 6).
//
// An unpacked Ghost site is a folder: `posts/SLUG.md` or `posts/SLUG.html`
// per post or page (a JSON object of the post's fields, a line break, then
// the body: the Markdown of its markdown card, else its HTML), and
// `site.json` (settings and the export's other tables).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "core/value.h"

namespace postport::ghost {

using Json = nlohmann::ordered_json;

inline constexpr std::string_view posts_folder = "posts";
inline constexpr std::string_view site_file = "site.json";
// Keys of an article object that are not columns of a Ghost table.
inline constexpr std::string_view tags_key = "tags";        // tag names, primary first
inline constexpr std::string_view authors_key = "authors";  // author names, primary first
// posts_meta.frontmatter: the front matter keys Ghost has no column for, typed.
inline constexpr std::string_view side_channel_key = "frontmatter";
// The longest text Ghost's posts_meta.frontmatter (a TEXT column) holds.
inline constexpr std::size_t side_channel_limit = 65535;

enum class ColumnKind { String, Bool, Date };

// Columns of the posts table (Ghost 1.x to 5.x, legacy ones included) and of
// posts_meta, in the order an article object lists them; nullopt for other keys.
std::optional<ColumnKind> post_column(std::string_view key);
std::optional<ColumnKind> meta_column(std::string_view key);
// The columns that hold the body (mobiledoc, lexical, html, plaintext, markdown).
bool is_body_column(std::string_view key);
// Every column an article object may hold natively, in canonical order.
const std::vector<std::string_view>& article_keys();

// A date as Ghost exports write it (epoch milliseconds, ISO 8601 with Z,
// "2023-01-14 04:24:27" meant as UTC) as a UTC date-time with millisecond
// digits; nullopt when it is none of these.
std::optional<DateTime> parse_date(const Json& value);
// `value` as Ghost's UTC date-time with milliseconds: offsets applied, a
// local date-time taken as UTC, a date as its midnight; nullopt for a time alone.
std::optional<DateTime> to_ghost_time(const DateTime& value);
// Milliseconds since 1970 of a value to_ghost_time made (exported_on).
std::int64_t epoch_milliseconds(const DateTime& utc);

// What a post's editor document holds, when it is one card that carries its
// content exactly.
struct CardBody {
    enum class Kind { Markdown, Html } kind = Kind::Markdown;
    std::string text;
};
std::optional<CardBody> single_card_of_mobiledoc(std::string_view mobiledoc);
std::optional<CardBody> single_card_of_lexical(std::string_view lexical);
// A mobiledoc document holding `body` as its only card.
std::string mobiledoc_of(const CardBody& body);

// Ghost's slug for a name: lower-case letters, digits and '-' ("#news" -> "hash-news").
std::string slug_of(std::string_view name);

// An article file's JSON object (through its line break) and body.
struct ArticleSplit {
    std::size_t object_end = 0;  // one past the closing brace
    std::size_t body_begin = 0;
};
// Throws ParseError when `text` does not start with a closed JSON object.
ArticleSplit split_article(std::string_view text, const std::string& display);

// posts_meta.frontmatter as postport writes it: the typed keys, wrapped so
// that it is never taken for text someone else stored there.
std::string encode_side_channel(const Table& front_matter);
std::optional<Table> decode_side_channel(std::string_view text);

}  // namespace postport::ghost
