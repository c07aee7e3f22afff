// Where Hugo 0.111 publishes an article: its `url`, else its section's
// [permalinks] pattern, else /SECTIONS/NAME/, lower-cased, as files
// (NAME.html) where uglyURLs says so. Dates are as written: Hugo formats a
// date in its own offset, and a zone-less one in the site's timeZone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"

namespace postport {

// Whether uglyURLs (a bool, or a table of sections) makes `section`'s
// pages files.
bool is_ugly_section(const Value& ugly_urls, std::string_view section);

// The URL path of `document` (at its Hugo path, content/...) in a site whose
// config (hugo.toml's table) is `config`. nullopt when it cannot be told: a
// translation into a language the config lacks, an undated post under a
// dated pattern, a title-based token, a path Hugo would rewrite (spaces,
// non-ASCII).
std::optional<std::string> hugo_url(const Document& document, const Table& config);

}  // namespace postport
