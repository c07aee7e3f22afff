// The round-trip record: what a converted file must remember to come back as
// the original. It lives where the target platform ignores it: a line of
// the output tree's `.postport/records.ndjson` (core/records.h), a field of
// a JSON or Ghost post, or, for a single post on standard output, a
// `postport` key in the post's own front matter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/codecs.h"
#include "core/lower.h"
#include "core/value.h"

namespace postport {

struct RoundTripRecord {
    std::string source_platform;
    std::string source_path;
    FrontMatterFormat source_format = FrontMatterFormat::None;
    // The source's front matter block, byte for byte; written back verbatim
    // while the converted front matter is unchanged.
    std::string raw_front_matter;
    bool bom = false;
    // Fingerprint of the front matter data postport wrote, to notice edits.
    std::string written;
    std::vector<std::string> added_keys;
    std::vector<TypeHint> type_hints;
    // The source body, kept only when converting the written body back does
    // not give it exactly (a shortcode spelled unusually, say), with the
    // fingerprint of the body written, to use it only while that is unchanged.
    std::optional<std::string> body;
    std::string body_written;

    [[nodiscard]] Table to_table() const;
    // nullopt when the table is not a record this version understands.
    static std::optional<RoundTripRecord> from_table(const Table& table);
};

// The folder of postport's records in a converted tree (Jekyll skips dot
// folders; Hugo reads none of that name).
inline constexpr std::string_view records_folder = ".postport";

}  // namespace postport
