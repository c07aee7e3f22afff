#include "core/platform.h"

namespace postport {

void Registry::add(std::unique_ptr<Platform> platform) { platforms_.push_back(std::move(platform)); }

const Platform* Registry::find(std::string_view name) const {
    for (const auto& platform : platforms_)
        if (platform->name() == name) return platform.get();
    return nullptr;
}

std::optional<std::string> Platform::url_of(std::string_view relative) const {
    SiteFile file = classify(relative);
    if (file.role == SiteFile::Role::Published) return file.path;
    return std::nullopt;
}

std::string_view kind_name(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::Post: return "post";
        case DocumentKind::Draft: return "draft";
        case DocumentKind::Page: return "page";
    }
    return "?";
}

}  // namespace postport
