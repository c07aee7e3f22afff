// A JSON site as one file: a site document ({"format": "postport-site",
// "version": 1, "files": [ENTRY, ...]}) or NDJSON (the header object on the
// first line, then one ENTRY per line). An ENTRY is one file of the site tree:
// {"path": P, "post": POST} for an article, {"path": P, "text": T} for a UTF-8
// file, {"path": P, "base64": B} for any other.
#pragma once

#include "core/archive.h"

namespace postport {

class JsonSiteArchive final : public SiteArchive {
public:
    [[nodiscard]] bool holds_site(std::string_view head) const override;
    void unpack(std::istream& in, const std::string& display, SiteSink& sink,
                Warnings& warnings) const override;
    // NDJSON when `output_name` ends in ".ndjson" or is "-", else a site document.
    [[nodiscard]] std::unique_ptr<SiteSink> packer(std::ostream& out, std::string_view output_name) const override;
};

}  // namespace postport
