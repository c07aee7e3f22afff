// The common vocabulary of front matter fields. Readers rename their
// platform's keys to these names (in place, keeping order) and give the
// values their common form; writers rename them to their own keys. Keys that
// are not fields pass through untouched. The names are Hugo's, lower-case.
#pragma once

#include <string_view>

namespace postport::field {

inline constexpr std::string_view title = "title";
inline constexpr std::string_view date = "date";
// Common form: a bool, true for a draft.
inline constexpr std::string_view draft = "draft";
// Redirect paths: Hugo aliases, Jekyll redirect_from.
inline constexpr std::string_view aliases = "aliases";
inline constexpr std::string_view lastmod = "lastmod";
// The page's own URL: Hugo url, Jekyll permalink.
inline constexpr std::string_view url = "url";
// Teaser text: Hugo summary, Jekyll excerpt.
inline constexpr std::string_view summary = "summary";
// Common form: an array of terms.
inline constexpr std::string_view tags = "tags";
inline constexpr std::string_view categories = "categories";
inline constexpr std::string_view slug = "slug";
inline constexpr std::string_view publish_date = "publishDate";
inline constexpr std::string_view expiry_date = "expiryDate";

// Key under which a single converted post carries its round-trip record when
// there is no output folder to keep it in (standard input and output).
inline constexpr std::string_view round_trip_record = "postport";

}  // namespace postport::field
