#include "core/paths.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <span>
#include <stdexcept>
#include <utility>

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

PathHashSet::PathHashSet(std::size_t max_slots_in_memory) : max_slots_in_memory_(max_slots_in_memory) {}

PathHashSet::PathHashSet(PathHashSet&& other) noexcept
    : max_slots_in_memory_(other.max_slots_in_memory_),
      slot_count_(std::exchange(other.slot_count_, 0)),
      slots_(std::exchange(other.slots_, {})),
      file_(std::exchange(other.file_, std::nullopt)),
      size_(std::exchange(other.size_, 0)) {}

PathHashSet& PathHashSet::operator=(PathHashSet&& other) noexcept {
    if (this != &other) {
        max_slots_in_memory_ = other.max_slots_in_memory_;
        slot_count_ = std::exchange(other.slot_count_, 0);
        slots_ = std::exchange(other.slots_, {});
        file_ = std::exchange(other.file_, std::nullopt);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

std::uint64_t PathHashSet::hash_of(std::string_view path) {
    const std::uint64_t hash = std::hash<std::string_view>{}(path);
    return hash == 0 ? 1 : hash;
}

std::uint64_t PathHashSet::read_slot(std::size_t slot) const {
    if (!file_) return slots_[slot];
    std::uint64_t hash = 0;
    file_->read(std::as_writable_bytes(std::span(&hash, 1)), slot * sizeof hash);
    return hash;
}

void PathHashSet::write_slot(std::size_t slot, std::uint64_t hash) {
    if (!file_)
        slots_[slot] = hash;
    else
        file_->write(std::as_bytes(std::span(&hash, 1)), slot * sizeof hash);
}

PathHashSet::Probe PathHashSet::slot_of(std::uint64_t hash) const {
    // The table's size is a power of two; the high bits of a multiplicative
    // mix spread hashes that differ only in their high bits.
    const int bits = std::countr_zero(slot_count_);
    std::size_t slot = static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
    for (;; slot = (slot + 1) & (slot_count_ - 1)) {
        const std::uint64_t held = read_slot(slot);
        if (held == 0 || held == hash) return {slot, held == hash};
    }
}

bool PathHashSet::contains(std::string_view path) const {
    return slot_count_ != 0 && slot_of(hash_of(path)).holds_hash;
}

void PathHashSet::insert(std::string_view path) {
    // At most three quarters full, so that probes stay short.
    if (too_full(size_ + 1, slot_count_)) rehash(std::max<std::size_t>(64, slot_count_ * 2));
    const std::uint64_t hash = hash_of(path);
    const Probe probe = slot_of(hash);
    if (probe.holds_hash) return;
    write_slot(probe.slot, hash);
    ++size_;
}

void PathHashSet::reserve(std::size_t count) {
    std::size_t slots = std::max<std::size_t>(64, slot_count_);
    while (too_full(count, slots)) slots *= 2;
    if (slots != slot_count_) rehash(slots);
}

void PathHashSet::rehash(std::size_t slots) {
    // Built aside, so that an I/O error leaves this set as it was.
    PathHashSet rehashed(max_slots_in_memory_);
    rehashed.slot_count_ = slots;
    rehashed.size_ = size_;
    if (slots <= max_slots_in_memory_) {
        rehashed.slots_.assign(slots, 0);
    } else {
        rehashed.file_.emplace("the temporary table of output paths");
        rehashed.file_->resize(std::uint64_t{slots} * sizeof(std::uint64_t));
    }
    const auto reinsert = [&rehashed](std::uint64_t hash) {
        if (hash != 0) rehashed.write_slot(rehashed.slot_of(hash).slot, hash);
    };
    if (file_) {
        // Read in big sequential chunks, not a slot at a time.
        std::vector<std::uint64_t> chunk(8192);  // 64 KiB
        for (std::size_t start = 0; start < slot_count_; start += chunk.size()) {
            const std::span<std::uint64_t> read(chunk.data(), std::min(chunk.size(), slot_count_ - start));
            file_->read(std::as_writable_bytes(read), start * sizeof(std::uint64_t));
            std::ranges::for_each(read, reinsert);
        }
    } else {
        std::ranges::for_each(slots_, reinsert);
    }
    *this = std::move(rehashed);
}

}  // namespace postport
