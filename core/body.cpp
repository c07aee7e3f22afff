#include "core/body.h"

#include <algorithm>

namespace postport {

const Value* find_parameter(const BodyNode& call, std::string_view name,
                            std::optional<std::size_t> position) {
    std::size_t index = 0;
    for (const auto& parameter : call.parameters) {
        if (parameter.name.empty()) {
            if (position && *position == index) return &parameter.value;
            ++index;
        } else if (parameter.name == name) {
            return &parameter.value;
        }
    }
    return nullptr;
}

void SiteIndex::add(SiteEntry entry) { entries_.push_back(std::move(entry)); }

const SiteEntry* SiteIndex::by_source(std::string_view path) const {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const SiteEntry& e) { return e.source_path == path; });
    return it == entries_.end() ? nullptr : &*it;
}

const SiteEntry* SiteIndex::by_target(std::string_view path) const {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const SiteEntry& e) { return e.target_path == path; });
    return it == entries_.end() ? nullptr : &*it;
}

SiteIndex SiteIndex::flipped() const {
    SiteIndex out;
    for (const auto& entry : entries_) out.add(SiteEntry{entry.target_path, entry.source_path});
    return out;
}

}  // namespace postport
