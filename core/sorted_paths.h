// The paths of a site, sorted, in bounded memory: a site conversion lists
// every file of a site before it converts any (so that names and output
// are the same on every machine), and that list must not grow memory with
// the site.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/paths.h"

namespace postport {

class PathRunReader;  // reads a run of paths from the temporary file

// Paths added in any order and read back sorted in byte order. While they
// take less than `memory_budget` bytes they stay in memory; beyond, each
// budget's worth is sorted and written to a temporary file as a run, and
// sort() merges the runs into one sorted list in that file. Memory then
// holds one run being filled, or a read buffer per run while merging.
class SortedPaths {
public:
    static constexpr std::size_t default_memory_budget = std::size_t{4} << 20;

    explicit SortedPaths(std::size_t memory_budget = default_memory_budget);
    SortedPaths(SortedPaths&&) noexcept;
    SortedPaths& operator=(SortedPaths&&) noexcept;
    SortedPaths(const SortedPaths&) = delete;
    SortedPaths& operator=(const SortedPaths&) = delete;
    ~SortedPaths();

    // A path holds no NUL. Throws std::system_error if a run cannot be written.
    void push_back(std::string_view path);
    // Ends adding: sorts the paths. Throws std::system_error.
    void sort();
    [[nodiscard]] std::size_t size() const { return count_; }
    [[nodiscard]] bool empty() const { return count_ == 0; }

    // Reads the sorted paths from the first; the list can be read again
    // with another Reader, but by one at a time.
    class Reader {
    public:
        Reader(Reader&&) noexcept;
        Reader& operator=(Reader&&) noexcept;
        ~Reader();
        // The next path, valid until the next call; nullopt after the last.
        // Throws std::system_error if the temporary file cannot be read.
        std::optional<std::string_view> next();

    private:
        friend class SortedPaths;
        Reader(const PathList* memory, std::unique_ptr<PathRunReader> run);
        const PathList* memory_;  // the paths, when they stayed in memory
        std::size_t next_in_memory_ = 0;
        std::unique_ptr<PathRunReader> run_;  // else the merged list in the file
    };
    // After sort().
    [[nodiscard]] Reader read() const;

private:
    void write_run();

    struct CloseFile {
        void operator()(std::FILE* file) const { std::fclose(file); }
    };
    std::size_t memory_budget_;
    std::size_t count_ = 0;
    PathList memory_;  // the paths not yet written to a run
    std::unique_ptr<std::FILE, CloseFile> file_;  // the runs, then the merged list; removed when closed
    std::vector<std::pair<std::uint64_t, std::uint64_t>> runs_;  // (offset, size) in file_
    std::uint64_t file_size_ = 0;
    std::pair<std::uint64_t, std::uint64_t> merged_{0, 0};  // the sorted list in file_, once merged
};

}  // namespace postport
