// Helpers the platform modules share: front matter field renames and dates.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/document.h"

namespace postport {

// The start of every platform's read: refuses what cannot be an article
// (check_article_text), names the document, and takes a UTF-8 BOM off
// `bytes`, remembering it.
Document begin_document(std::string_view& bytes, std::string path, std::string display_path);

// The end (one past the closing brace) of the JSON object starting at
// `open`, counting braces outside strings; npos when it is not closed.
std::size_t find_json_end(std::string_view text, std::size_t open);

// Renames a top-level key in place (keeping its position). If `to` is taken
// by another key the entry stays as it is and a FieldNotMapped warning says
// why. Returns the renamed entry's value, or null if nothing was renamed.
Value* rename_field(Document& document, std::string_view from, std::string_view to,
                    Warnings& warnings);

// The calendar date a front matter value names: a date/time value, or a
// string starting with YYYY-MM-DD. Returns nullopt otherwise.
std::optional<Date> date_of(const Value& value);

std::string format_date(const Date& date);

// The file name (without extension) a converted article gets: its slug, else
// one made from its title, else "untitled".
std::string output_slug(const Document& document);

// Where `document` is, for messages about its front matter.
SourceLocation front_matter_location(const Document& document, const Value* value = nullptr);

// The whole file: BOM, front matter between the delimiter lines (or, for
// JSON, the object alone), body; CRLF line breaks in the front matter if the
// document had them.
std::string assemble_file(const Document& document, std::string_view data,
                          std::string_view delimiter);

}  // namespace postport
