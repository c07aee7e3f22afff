#include "core/body.h"

#include <algorithm>
#include <cstring>

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

void SiteIndex::add(SiteEntry entry) {
    by_source_.emplace(entry.source_path, entries_.size());
    by_target_.emplace(entry.target_path, entries_.size());
    entries_.push_back(std::move(entry));
}

const SiteEntry* SiteIndex::by_source(std::string_view path) const {
    auto found = by_source_.find(std::string(path));
    return found == by_source_.end() ? nullptr : &entries_[found->second];
}

const SiteEntry* SiteIndex::by_target(std::string_view path) const {
    auto found = by_target_.find(std::string(path));
    return found == by_target_.end() ? nullptr : &entries_[found->second];
}

SiteIndex SiteIndex::flipped() const {
    SiteIndex out;
    for (const auto& entry : entries_) out.add(SiteEntry{entry.target_path, entry.source_path});
    return out;
}

}  // namespace postport
