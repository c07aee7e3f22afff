// Where a converted folder keeps its articles' round-trip records: one file,
// `.postport/records.ndjson`, with one line per converted article,
// {"path": PATH, "record": {...}}, PATH relative to the folder. One file for
// the site rather than one per article halves the files a conversion
// creates, which is most of its cost. It is read through an index of where
// each line is, so memory stays small whatever the size of the site.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/files.h"
#include "core/paths.h"
#include "core/round_trip.h"
#include "core/scratch_file.h"

namespace postport {

inline constexpr std::string_view records_file = ".postport/records.ndjson";
static_assert(records_file.starts_with(records_folder));

// `record` as JSON text, for RecordsWriter::add.
std::string record_json(const RoundTripRecord& record);

// The records file of a folder, indexed by path. Lookups may run on several
// threads at once.
class RecordIndex {
public:
    RecordIndex() = default;  // no records
    // The records of ROOT/.postport/records.ndjson; none without that file.
    // A line that is no record is reported in `warnings` and skipped.
    // Past `max_entries_in_memory` records (24 bytes each), the index is
    // kept sorted in an unlinked temporary file and searched with pread:
    // memory stays bounded whatever the site's size, the page cache holding
    // the index.
    RecordIndex(const std::filesystem::path& root, Warnings& warnings,
                std::size_t max_entries_in_memory = std::size_t{1} << 19);  // 12 MB
    RecordIndex(RecordIndex&& other) noexcept;
    RecordIndex& operator=(RecordIndex&& other) noexcept;
    RecordIndex(const RecordIndex&) = delete;
    RecordIndex& operator=(const RecordIndex&) = delete;
    ~RecordIndex();

    [[nodiscard]] bool empty() const { return entry_count() == 0; }
    // The record of the converted file `path`; nullopt if there is none, or
    // if it cannot be read (reported in `warnings`). Throws
    // std::system_error if the temporary file of the index cannot be read.
    [[nodiscard]] std::optional<RoundTripRecord> find(std::string_view path, Warnings& warnings) const;
    // Calls `visit(path, line)` for every record, in file order; `line`
    // ends with its newline.
    void for_each(const std::function<void(std::string_view path, std::string_view line)>& visit) const;

private:
    struct Entry {
        std::uint64_t hash;  // of the path
        std::uint64_t offset;
        std::uint32_t length;  // without the newline
        std::uint32_t line;
        // By hash, then offset: a path's records in file order.
        friend auto operator<=>(const Entry&, const Entry&) = default;
    };
    struct SpilledEntries {
        ScratchFile file;  // the entries, sorted, back to back
        std::size_t count;
        // The hash of the first entry of each block of block_size entries,
        // so that a lookup reads one block rather than binary-searching the file.
        std::vector<std::uint64_t> block_first_hashes;
        static constexpr std::size_t block_size = 64;
    };
    [[nodiscard]] std::size_t entry_count() const { return spilled_ ? spilled_->count : entries_.size(); }
    [[nodiscard]] Entry entry_at(std::size_t i) const;
    // The index of the first entry whose hash is not below `hash`.
    [[nodiscard]] std::size_t first_at_least(std::uint64_t hash) const;
    static SpilledEntries merge_runs(const ScratchFile& runs, std::span<const std::size_t> run_lengths,
                                  std::size_t max_entries_in_memory);

    std::string file_;
    int fd_ = -1;
    std::vector<Entry> entries_;             // sorted, unless there are more than fit in memory
    std::optional<SpilledEntries> spilled_;  // then
};

// Writes a folder's records file: the records given, then those of the
// folder's earlier records file that they do not replace, for files still
// there. Nothing is written without a record; until commit() the earlier
// file stays as it was.
class RecordsWriter {
public:
    explicit RecordsWriter(std::filesystem::path root);
    // The record of the converted file `path`, as record_json() wrote it
    // (on any thread: the writer's own work is small). Throws OutputError.
    void add(std::string_view path, std::string_view record_json);
    void commit();                                                   // throws OutputError

private:
    std::filesystem::path root_;
    RecordIndex earlier_;
    PathList added_;  // the paths added, while an earlier file is to be merged
    std::optional<AtomicFile> file_;
};

}  // namespace postport
