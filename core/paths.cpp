#include "core/paths.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <stdexcept>

namespace postport {

void PathList::push_back(std::string_view path) {
    if (bytes_.size() + path.size() + 1 > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("more than 4 GB of file paths in one site");
    starts_.push_back(static_cast<std::uint32_t>(bytes_.size()));
    bytes_.append(path);
    bytes_.push_back('\0');
}

std::string_view PathList::operator[](std::size_t i) const { return bytes_.data() + starts_[i]; }

void PathList::sort() {
    const char* bytes = bytes_.data();
    std::sort(starts_.begin(), starts_.end(), [bytes](std::uint32_t a, std::uint32_t b) {
        return std::string_view(bytes + a) < std::string_view(bytes + b);
    });
}

std::uint64_t PathHashSet::hash_of(std::string_view path) {
    const std::uint64_t hash = std::hash<std::string_view>{}(path);
    return hash == 0 ? 1 : hash;
}

std::size_t PathHashSet::slot_of(std::uint64_t hash) const {
    // The table's size is a power of two; the high bits of a multiplicative
    // mix spread hashes that differ only in their high bits.
    const int bits = std::countr_zero(slots_.size());
    std::size_t slot = static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
    while (slots_[slot] != 0 && slots_[slot] != hash) slot = (slot + 1) & (slots_.size() - 1);
    return slot;
}

bool PathHashSet::contains(std::string_view path) const {
    if (slots_.empty()) return false;
    const std::uint64_t hash = hash_of(path);
    return slots_[slot_of(hash)] == hash;
}

void PathHashSet::insert(std::string_view path) {
    // At most three quarters full, so that probes stay short.
    if (too_full(size_ + 1, slots_.size())) rehash(std::max<std::size_t>(64, slots_.size() * 2));
    const std::uint64_t hash = hash_of(path);
    std::uint64_t& slot = slots_[slot_of(hash)];
    if (slot == hash) return;
    slot = hash;
    ++size_;
}

void PathHashSet::reserve(std::size_t count) {
    std::size_t slots = std::max<std::size_t>(64, slots_.size());
    while (too_full(count, slots)) slots *= 2;
    if (slots != slots_.size()) rehash(slots);
}

void PathHashSet::rehash(std::size_t slots) {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(slots, 0);
    for (const std::uint64_t hash : old)
        if (hash != 0) slots_[slot_of(hash)] = hash;
}

}  // namespace postport
