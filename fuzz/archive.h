// Shared by the archive fuzz targets (json, ghost): an input is unpacked
// when it holds a site, and every article unpacked (or the input itself,
// when it is one article) is read and converted to Hugo. Paths unpacked
// must be safe; readers may refuse input only with ParseError.
#pragma once

#include <map>
#include <sstream>

#include "core/archive.h"
#include "core/files.h"
#include "fuzz/fuzz.h"

namespace postport::fuzz {

// Keeps what an archive unpacks, in memory.
class MemorySink final : public SiteSink {
public:
    void write(const std::string& relative, std::string_view bytes) override {
        if (!is_safe_relative_path(relative)) fail("an archive unpacked an unsafe path", relative);
        files[relative] = std::string(bytes);
    }
    [[nodiscard]] bool exists(const std::string& relative) const override { return files.contains(relative); }
    std::map<std::string, std::string> files;
};

inline void convert_to_hugo(const Platform& platform, const std::string& path, std::string_view bytes) {
    ConvertRequest request;
    request.from = &platform;
    request.to = builtin_platforms().find("hugo");
    Warnings warnings;
    try {
        (void)convert_document(request, bytes, path, path, std::nullopt, warnings);
    } catch (const NotAnArticle&) {
    }
}

inline void check_archive(std::string_view platform_name, std::string_view bytes) {
    const Platform& platform = *builtin_platforms().find(platform_name);
    const SiteArchive& archive = *platform.archive();
    if (!archive.holds_site(bytes.substr(0, SiteArchive::head_size))) {
        convert_to_hugo(platform, "fuzz.json", bytes);
        return;
    }
    MemorySink unpacked;
    Warnings warnings;
    std::istringstream in{std::string(bytes)};
    archive.unpack(in, "<fuzz>", unpacked, warnings);
    // What an archive unpacks need not be articles (config, images): any
    // file may be refused, but nothing may crash.
    for (const auto& [path, file] : unpacked.files) {
        try {
            convert_to_hugo(platform, path, file);
        } catch (const ParseError&) {
        }
    }
}

}  // namespace postport::fuzz
