// Converting one article from one platform to another, and back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/platform.h"
#include "core/round_trip.h"

namespace postport {

// Where the round-trip record of a conversion goes.
enum class RecordPlacement {
    Folder,    // returned in Converted::record, for the output folder's records file
    Embedded,  // in the post's own front matter (single post on standard output)
    None,      // not kept: the output can be converted back, but not restored exactly
};

struct ConvertRequest {
    const Platform* from = nullptr;
    const Platform* to = nullptr;
    WriteOptions write;
    RecordPlacement placement = RecordPlacement::Folder;
    // Every article of the site, from's paths to to's, and the reverse, for
    // links between articles; null when converting a single post.
    const SiteIndex* site = nullptr;
    const SiteIndex* site_back = nullptr;
    // Links of this document to files that moved (bundle resources).
    const LinkRewrites* links = nullptr;
    // The excerpt separators the source and target sites' configs set for
    // every post (Jekyll), if any.
    std::string source_excerpt_separator;
    std::string target_excerpt_separator;
    // The first pass over a site, before its index is complete: a document
    // whose body links to other articles is not converted, only placed
    // (Converted::deferred, with its output path), to be converted once the
    // index is.
    bool defer_linked = false;
};

struct Converted {
    std::string path;   // site-relative output path (empty for a stream)
    std::string bytes;  // the whole output file
    std::optional<RoundTripRecord> record;  // the record to keep, if any
    DocumentKind kind = DocumentKind::Post;
    bool restored = false;  // came back through a round-trip record
    bool deferred = false;  // see ConvertRequest::defer_linked: only `path` is set
    // Site templates the written body calls (shortcodes, includes).
    std::vector<std::string> used_templates;
};

// Converts one file. `input_record` is the record an earlier conversion kept
// for the input, if any: when it says the file was converted from `to`, the original comes back.
// Throws ParseError for bad input.
Converted convert_document(const ConvertRequest& request, std::string_view bytes, std::string path,
                           std::string display_path, const std::optional<RoundTripRecord>& input_record,
                           Warnings& warnings);

// --verify: converts `converted` (the result of `request` on `source`) back
// with its record, and compares the result with the source. nullopt when it
// comes back byte for byte; otherwise what differs, in words: the first
// front matter key whose presence, place, type or value differs, else the
// first body line that differs.
std::optional<std::string> verify_conversion(const ConvertRequest& request, std::string_view source,
                                             const std::string& source_path, const std::string& display_path,
                                             const Converted& converted);

}  // namespace postport
