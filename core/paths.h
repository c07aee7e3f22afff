// What a site conversion keeps for every file of a site, kept small: the
// paths of an index (PathList), and the output paths claimed (PathHashSet,
// on disk past a fixed size). The site's own list of files is SortedPaths
// (core/sorted_paths.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scratch_file.h"

namespace postport {

// Paths, back to back in one buffer: about the length of a path plus 5
// bytes each, where a vector of strings takes 50 to 80.
class PathList {
public:
    void push_back(std::string_view path);
    // Sorts the paths in byte order.
    void sort();

    [[nodiscard]] std::size_t size() const { return starts_.size(); }
    [[nodiscard]] bool empty() const { return starts_.empty(); }
    // The bytes the paths take (without their index).
    [[nodiscard]] std::size_t text_size() const { return bytes_.size(); }
    [[nodiscard]] std::string_view operator[](std::size_t i) const;

    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        const_iterator() = default;
        const_iterator(const PathList* list, std::size_t i) : list_(list), i_(i) {}
        std::string_view operator*() const { return (*list_)[i_]; }
        std::string_view operator[](difference_type n) const { return (*list_)[i_ + static_cast<std::size_t>(n)]; }
        const_iterator& operator++() { ++i_; return *this; }
        const_iterator operator++(int) { auto copy = *this; ++i_; return copy; }
        const_iterator& operator--() { --i_; return *this; }
        const_iterator operator--(int) { auto copy = *this; --i_; return copy; }
        const_iterator& operator+=(difference_type n) { i_ += static_cast<std::size_t>(n); return *this; }
        const_iterator& operator-=(difference_type n) { i_ -= static_cast<std::size_t>(n); return *this; }
        friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
            return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.i_ <=> b.i_; }

    private:
        const PathList* list_ = nullptr;
        std::size_t i_ = 0;
    };

    [[nodiscard]] const_iterator begin() const { return {this, 0}; }
    [[nodiscard]] const_iterator end() const { return {this, size()}; }

private:
    std::string bytes_;                  // every path followed by a NUL (no path holds one)
    std::vector<std::uint32_t> starts_;  // where each path starts in bytes_
};

// A set of paths kept as 64-bit hashes in one open-addressed table (11 to
// 22 bytes a path). contains() is never wrong about a path that was
// inserted; it says yes to one that was not only if the two hashes are
// equal (a chance of about n²/2^65 in a set of n paths: 3·10⁻⁸ for a
// million). For callers where a wrong yes costs a detour, never data.
//
// A table of more than `max_slots_in_memory` slots is kept in an unlinked
// temporary file instead, read and written a slot at a time: the process's
// memory stays bounded whatever the site's size, the page cache holding the
// table. Its I/O errors throw std::system_error.
class PathHashSet {
public:
    explicit PathHashSet(std::size_t max_slots_in_memory = std::size_t{1} << 21);  // 16 MB
    PathHashSet(PathHashSet&& other) noexcept;
    PathHashSet& operator=(PathHashSet&& other) noexcept;

    // Whether `path` was inserted (or, as above, hashes like one that was).
    [[nodiscard]] bool contains(std::string_view path) const;
    void insert(std::string_view path);
    // Makes room for `count` paths at once (no table grown step by step).
    void reserve(std::size_t count);
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] bool empty() const { return size_ == 0; }

private:
    struct Probe {
        std::size_t slot;
        bool holds_hash;  // else the slot is empty
    };
    static std::uint64_t hash_of(std::string_view path);
    // The slot that holds `hash`, or the empty one where it would go.
    [[nodiscard]] Probe slot_of(std::uint64_t hash) const;
    [[nodiscard]] std::uint64_t read_slot(std::size_t slot) const;
    void write_slot(std::size_t slot, std::uint64_t hash);
    [[nodiscard]] static bool too_full(std::size_t count, std::size_t slots) { return 4 * count > 3 * slots; }
    void rehash(std::size_t slots);

    std::size_t max_slots_in_memory_;
    std::size_t slot_count_ = 0;
    // The slots, 0 for an empty one (a hash of 0 is kept as 1): in memory,
    // or in file_ (8 bytes each) past max_slots_in_memory_.
    std::vector<std::uint64_t> slots_;
    std::optional<ScratchFile> file_;
    std::size_t size_ = 0;
};

}  // namespace postport
