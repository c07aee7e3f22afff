// The round-trip record: what a converted file must remember to come back as
// the original. It lives where the target platform ignores it: a sidecar
// file under `.postport/` in the output tree, or, for a single post on
// standard output, a `postport` key in the post's own front matter.
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

// Where the sidecar of a converted file lives, relative to the output root.
std::string sidecar_path(const std::string& converted_path);
inline constexpr std::string_view sidecar_folder = ".postport";

}  // namespace postport
