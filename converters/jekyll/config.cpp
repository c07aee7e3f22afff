#include "converters/jekyll/jekyll.h"

namespace postport {

std::optional<SiteConfig> JekyllPlatform::read_config(const std::filesystem::path&, Warnings&) const {
    return std::nullopt;
}

std::vector<OutputFile> JekyllPlatform::write_config(const SiteConfig&, Warnings&) const { return {}; }

}  // namespace postport
