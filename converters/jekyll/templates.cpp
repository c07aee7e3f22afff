#include "converters/jekyll/jekyll.h"

namespace postport {

std::optional<std::string> JekyllPlatform::read_template(const std::filesystem::path&,
                                                             std::string_view) const {
    return std::nullopt;
}

std::vector<OutputFile> JekyllPlatform::write_templates(
    const std::vector<std::pair<std::string, std::optional<std::string>>>&, std::string_view,
    Warnings&) const {
    return {};
}

std::vector<OutputFile> JekyllPlatform::write_layouts() const { return {}; }

}  // namespace postport
