#include "core/body.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/paths.h"

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

namespace {

void rewrite_text(std::string& text, const std::string& link, const std::string& url) {
    for (const char* prefix : {"](", "src=\"", "href=\"", "src='", "href='"}) {
        for (const std::string& spelling : {"./" + link, link}) {
            const std::string from = prefix + spelling;
            const char close = prefix[0] == ']' ? ')' : prefix[std::strlen(prefix) - 1];
            // Only whole links: the character after must end the link.
            for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + 1)) {
                std::size_t end = pos + from.size();
                if (end < text.size() && text[end] != close && text[end] != ' ' && text[end] != '#' &&
                    text[end] != '?')
                    continue;
                text.replace(pos + std::strlen(prefix), spelling.size(), url);
            }
        }
    }
}

}  // namespace

bool links_to_articles(const Body& body) {
    return std::any_of(body.begin(), body.end(), [](const BodyNode& node) {
        if (node.kind != BodyNode::Kind::Call) return false;
        if (node.name == call::ref || node.name == call::relref || node.name == call::post_url ||
            node.name == call::link)
            return true;
        return node.inner && links_to_articles(*node.inner);
    });
}

void rewrite_links(Body& body, const LinkRewrites& rewrites) {
    if (rewrites.empty()) return;
    for (auto& node : body) {
        if (node.kind == BodyNode::Kind::Text) {
            for (const auto& [link, url] : rewrites) rewrite_text(node.text, link, url);
        } else if (node.kind == BodyNode::Kind::Call) {
            for (auto& parameter : node.parameters) {
                if (!parameter.value.is_string()) continue;
                for (const auto& [link, url] : rewrites) {
                    const std::string& value = parameter.value.as_string();
                    if (value == link || value == "./" + link) {
                        parameter.value = Value(url);
                        break;
                    }
                }
            }
            if (node.inner) rewrite_links(*node.inner, rewrites);
        }
    }
}

struct SiteIndex::Paths {
    PathList sources;
    PathList targets;
    // Entry numbers in the order of their source (target) paths; sorted on
    // the first lookup.
    std::once_flag sorted;
    std::vector<std::uint32_t> by_source;
    std::vector<std::uint32_t> by_target;
    // (hash of a key, entry number), sorted, per KeysOf and side.
    std::mutex keyed_mutex;
    std::map<std::pair<KeysOf, bool>, std::vector<std::pair<std::uint64_t, std::uint32_t>>> keyed;

    [[nodiscard]] const PathList& side(bool targets_side) const { return targets_side ? targets : sources; }

    void sort() {
        std::call_once(sorted, [this] {
            for (bool targets_side : {false, true}) {
                std::vector<std::uint32_t>& order = targets_side ? by_target : by_source;
                const PathList& paths = side(targets_side);
                order.resize(paths.size());
                for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
                std::stable_sort(order.begin(), order.end(),
                                 [&](std::uint32_t a, std::uint32_t b) { return paths[a] < paths[b]; });
            }
        });
    }
};

namespace {

std::uint64_t key_hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

}  // namespace

SiteIndex::SiteIndex() : paths_(std::make_shared<Paths>()) {}

void SiteIndex::add(std::string_view source_path, std::string_view target_path) {
    if (paths_->sources.size() >= std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("more than 4 billion articles in one site");
    paths_->sources.push_back(flipped_ ? target_path : source_path);
    paths_->targets.push_back(flipped_ ? source_path : target_path);
}

SiteEntry SiteIndex::entry(std::size_t i) const {
    const SiteEntry stored{paths_->sources[i], paths_->targets[i]};
    return flipped_ ? SiteEntry{stored.target_path, stored.source_path} : stored;
}

std::optional<SiteEntry> SiteIndex::find(std::string_view path, bool on_targets) const {
    paths_->sort();
    const bool stored_targets = on_targets != flipped_;
    const PathList& paths = paths_->side(stored_targets);
    const auto& order = stored_targets ? paths_->by_target : paths_->by_source;
    const auto found = std::lower_bound(order.begin(), order.end(), path,
                                        [&](std::uint32_t i, std::string_view p) { return paths[i] < p; });
    if (found == order.end() || paths[*found] != path) return std::nullopt;
    return entry(*found);
}

std::optional<SiteEntry> SiteIndex::by_source(std::string_view path) const { return find(path, false); }

std::optional<SiteEntry> SiteIndex::by_target(std::string_view path) const { return find(path, true); }

std::vector<SiteEntry> SiteIndex::with_key(KeysOf keys_of, std::string_view key) const {
    const PathList& paths = paths_->side(flipped_);  // this view's source paths
    const std::vector<std::pair<std::uint64_t, std::uint32_t>>* table = nullptr;
    std::vector<std::string> keys;
    {
        const std::lock_guard lock(paths_->keyed_mutex);
        auto [slot, made] = paths_->keyed.try_emplace({keys_of, flipped_});
        if (made) {
            for (std::uint32_t i = 0; i < paths.size(); ++i) {
                keys.clear();
                keys_of(paths[i], keys);
                for (const auto& each : keys) slot->second.emplace_back(key_hash(each), i);
            }
            std::sort(slot->second.begin(), slot->second.end());
            slot->second.erase(std::unique(slot->second.begin(), slot->second.end()), slot->second.end());
        }
        table = &slot->second;  // a std::map entry stays where it is
    }
    std::vector<SiteEntry> found;
    const std::uint64_t hash = key_hash(key);
    for (auto it = std::lower_bound(table->begin(), table->end(), std::pair{hash, std::uint32_t{0}});
         it != table->end() && it->first == hash; ++it) {
        // Equal hashes are checked against the keys themselves.
        keys.clear();
        keys_of(paths[it->second], keys);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) found.push_back(entry(it->second));
    }
    return found;
}

std::optional<SiteEntry> SiteIndex::first_with_key(KeysOf keys_of, std::string_view key) const {
    std::vector<SiteEntry> found = with_key(keys_of, key);
    if (found.empty()) return std::nullopt;
    return found.front();
}

SiteIndex SiteIndex::flipped() const {
    SiteIndex out;
    out.paths_ = paths_;
    out.flipped_ = !flipped_;
    return out;
}

}  // namespace postport
