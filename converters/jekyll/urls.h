// Where Jekyll 4.3 publishes an article: its permalink, else the pattern of
// its kind (posts: `permalink` or collections.posts.permalink; pages: the
// style's ending), with the placeholders as Jekyll fills them in. Dates are
// those of the site's `timezone` (UTC when it has none).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"

namespace postport {

// Whether a site's top folder is where a collection keeps its documents
// (_NAME, other than _posts and _drafts).
bool is_collection_folder(std::string_view folder);

// A permalink style name ("date", "pretty", ...) as its pattern; any other
// text as it is.
std::string_view expand_permalink_style(std::string_view permalink);

// The URL path of `document` in a site whose _config.yml says `config`.
// `permalink` is the article's own pattern, if it has one. Posts are the
// articles that are not pages (DocumentKind::Page). nullopt when Jekyll's
// URL cannot be told: an undated draft (Jekyll uses the file's time), a
// placeholder postport does not model, an unknown time zone.
std::optional<std::string> jekyll_url(const Document& document, const Value* permalink, const Table& config);

}  // namespace postport
