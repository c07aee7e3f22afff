#include "converters/hugo/hugo.h"

namespace postport {

std::optional<SiteConfig> HugoPlatform::read_config(const std::filesystem::path&, Warnings&) const {
    return std::nullopt;
}

std::vector<OutputFile> HugoPlatform::write_config(const SiteConfig&, Warnings&) const { return {}; }

}  // namespace postport
