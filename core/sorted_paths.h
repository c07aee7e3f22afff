// The paths of a site on disk, so that lists of them do not grow memory with
// the site: PathFile, paths appended to a temporary file and read back in
// order; SortedPaths, a site's paths sorted in bounded memory (a site
// conversion lists every file before it converts any, so that names and
// output are the same on every machine).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/paths.h"
#include "core/scratch_file.h"

namespace postport {

// Paths appended to an unlinked temporary file, each followed by a NUL (a
// path holds none), through a buffer; read back a range at a time.
class PathFile {
public:
    // `what` names the file in error messages. Throws std::system_error.
    explicit PathFile(std::string what);

    // Throws std::system_error.
    void append(std::string_view path);
    // Where the next path appended will start.
    [[nodiscard]] std::uint64_t end() const { return written_ + buffer_.size(); }

    // The paths of [begin, end), in the order appended.
    class Reader {
    public:
        // The next path, valid until the next call; nullopt after the last.
        // Throws std::system_error.
        std::optional<std::string_view> next();

    private:
        friend class PathFile;
        Reader(const ScratchFile& file, std::uint64_t begin, std::uint64_t end)
            : file_(&file), at_(begin), end_(end) {}
        const ScratchFile* file_;
        std::uint64_t at_;
        std::uint64_t end_;
        std::string buffer_;
        std::size_t start_ = 0;  // where the unread bytes of buffer_ start
    };
    // Writes out what is buffered first. Several readers may read at once.
    [[nodiscard]] Reader read(std::uint64_t begin, std::uint64_t end);

private:
    void write_buffer();

    ScratchFile file_;
    std::string buffer_;
    std::uint64_t written_ = 0;
};

// Paths added in any order and read back sorted in byte order. While they
// take less than `memory_budget` bytes they stay in memory; beyond, each
// budget's worth is sorted and written to a temporary file as a run, and
// sort() merges the runs into one sorted list in that file. Memory then
// holds one run being filled, or a read buffer per run while merging. With
// no temporary file to be had, everything stays in memory.
class SortedPaths {
public:
    static constexpr std::size_t default_memory_budget = std::size_t{4} << 20;

    explicit SortedPaths(std::size_t memory_budget = default_memory_budget);

    // A path holds no NUL. Throws std::system_error if a run cannot be written.
    void push_back(std::string_view path);
    // Ends adding: sorts the paths. Throws std::system_error.
    void sort();
    [[nodiscard]] std::size_t size() const { return count_; }
    [[nodiscard]] bool empty() const { return count_ == 0; }

    // Reads the sorted paths from the first, after sort(); the list can be
    // read again with another Reader.
    class Reader {
    public:
        // The next path, valid until the next call; nullopt after the last.
        // Throws std::system_error.
        std::optional<std::string_view> next();

    private:
        friend class SortedPaths;
        explicit Reader(const PathList& memory) : memory_(&memory) {}
        explicit Reader(PathFile::Reader merged) : merged_(std::move(merged)) {}
        const PathList* memory_ = nullptr;  // the paths, when they stayed in memory
        std::size_t next_in_memory_ = 0;
        std::optional<PathFile::Reader> merged_;  // else the merged list in the file
    };
    [[nodiscard]] Reader read() const;

private:
    void write_run();

    std::size_t memory_budget_;
    std::size_t count_ = 0;
    PathList memory_;  // the paths not yet written to a run
    // The runs, then the merged list. Mutable: reading it writes out its buffer.
    mutable std::optional<PathFile> file_;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> runs_;  // [begin, end) in file_
    std::pair<std::uint64_t, std::uint64_t> merged_{0, 0};
};

}  // namespace postport
