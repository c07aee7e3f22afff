#include "core/records.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <queue>
#include <ranges>
#include <span>
#include <utility>

#include "core/codecs.h"
#include "core/typed_json.h"

namespace postport {

namespace fs = std::filesystem;

namespace {

// Every line starts so: the path comes first, to be indexed without parsing the record.
constexpr std::string_view line_start = R"({"path":")";

std::uint64_t path_hash(std::string_view path) { return std::hash<std::string_view>{}(path); }

// The path a record line names; nullopt for a line that is no record.
std::optional<std::string> path_of_line(std::string_view line) {
    if (!line.starts_with(line_start)) return std::nullopt;
    bool escaped = false;
    std::size_t end = line_start.size();
    for (; end < line.size() && line[end] != '"'; ++end) {
        if (line[end] == '\\') {
            escaped = true;
            ++end;
        }
    }
    if (end >= line.size()) return std::nullopt;
    const std::string_view quoted = line.substr(line_start.size() - 1, end - line_start.size() + 2);
    if (!escaped) return std::string(quoted.substr(1, quoted.size() - 2));
    try {
        return OrderedJson::parse(quoted).get<std::string>();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Calls `visit(offset, line, number)` for each line of the file open as
// `fd`, read from its start; `line` without its newline.
void scan_lines(int fd, const std::string& file,
                const std::function<void(std::uint64_t, std::string_view, std::uint32_t)>& visit) {
    std::string pending;
    std::string chunk(std::size_t{1} << 16, '\0');
    std::uint64_t pending_offset = 0;
    std::uint32_t number = 0;
    for (std::uint64_t offset = 0;;) {
        const ssize_t n = ::pread(fd, chunk.data(), chunk.size(), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::system_error(errno, std::generic_category(), "cannot read " + file);
        if (n == 0) break;
        offset += static_cast<std::uint64_t>(n);
        pending.append(chunk.data(), static_cast<std::size_t>(n));
        std::size_t start = 0;
        for (std::size_t newline; (newline = pending.find('\n', start)) != std::string::npos; start = newline + 1)
            visit(pending_offset + start, std::string_view(pending).substr(start, newline - start), ++number);
        pending.erase(0, start);
        pending_offset += start;
    }
    // A last line without its newline was cut short (a conversion killed while writing).
}

}  // namespace

RecordIndex::RecordIndex(const fs::path& root, Warnings& warnings, std::size_t max_entries_in_memory)
    : file_((root / records_file).string()) {
    // Like every input file, not read through a symbolic link (nor a FIFO).
    fd_ = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd_ < 0) return;
    // Past the limit, the entries go to a temporary file in sorted runs,
    // merged into one at the end.
    std::optional<ScratchFile> runs;
    std::vector<std::size_t> run_lengths;
    std::size_t spilled_count = 0;
    const auto write_run = [&] {
        std::ranges::sort(entries_);
        if (!runs) runs.emplace("the temporary index of round-trip records");
        runs->write(std::as_bytes(std::span(entries_)), std::uint64_t{spilled_count} * sizeof(Entry));
        run_lengths.push_back(entries_.size());
        spilled_count += entries_.size();
        entries_.clear();
    };
    try {
        scan_lines(fd_, file_, [&](std::uint64_t offset, std::string_view line, std::uint32_t number) {
            if (auto path = path_of_line(line)) {
                entries_.push_back(Entry{path_hash(*path), offset, static_cast<std::uint32_t>(line.size()), number});
                // At the limit exactly, so that the vector never grows past it.
                if (entries_.size() >= max_entries_in_memory) write_run();
                return;
            }
            warnings.add(WarningKind::RoundTripRecord, SourceLocation{file_, static_cast<int>(number), 1},
                         "not a round-trip record; skipped");
        });
        if (runs) {
            if (!entries_.empty()) write_run();
            entries_ = {};  // its memory is the merge's
            spilled_.emplace(merge_runs(*runs, run_lengths, max_entries_in_memory));
        }
    } catch (const std::system_error& error) {
        warnings.add(WarningKind::RoundTripRecord, SourceLocation{file_, 0, 0},
                     std::string(error.what()) + "; converting without round-trip records");
        entries_.clear();
    }
    std::ranges::sort(entries_);
}

RecordIndex::SpilledEntries RecordIndex::merge_runs(const ScratchFile& runs, std::span<const std::size_t> run_lengths,
                                    std::size_t max_entries_in_memory) {
    // Each run is read, and the merged entries written, a batch at a time:
    // together about max_entries_in_memory entries.
    const std::size_t batch = std::max<std::size_t>(1, max_entries_in_memory / (run_lengths.size() + 1));
    struct Run {
        std::size_t next;  // the first entry not read yet
        std::size_t end;
        std::vector<Entry> read = {};
        std::size_t at = 0;  // in `read`, the first entry not merged yet
    };
    std::vector<Run> cursors;
    for (std::size_t start = 0; const std::size_t length : run_lengths) {
        cursors.push_back(Run{start, start + length});
        start += length;
    }
    // Reads the run's next batch; false at its end.
    const auto read_batch = [&](Run& run) {
        run.read.resize(std::min(batch, run.end - run.next));
        runs.read(std::as_writable_bytes(std::span(run.read)), std::uint64_t{run.next} * sizeof(Entry));
        run.next += run.read.size();
        run.at = 0;
        return !run.read.empty();
    };
    using Head = std::pair<Entry, std::size_t>;  // a run's least entry not merged yet, and the run
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (std::size_t i = 0; i < cursors.size(); ++i)
        if (read_batch(cursors[i])) heads.emplace(cursors[i].read.front(), i);

    SpilledEntries merged{ScratchFile("the temporary index of round-trip records"), 0, {}};
    std::vector<Entry> out;
    const auto write_out = [&] {
        merged.file.write(std::as_bytes(std::span(out)), std::uint64_t{merged.count} * sizeof(Entry));
        merged.count += out.size();
        out.clear();
    };
    while (!heads.empty()) {
        const auto [entry, i] = heads.top();
        heads.pop();
        if ((merged.count + out.size()) % SpilledEntries::block_size == 0)
            merged.block_first_hashes.push_back(entry.hash);
        out.push_back(entry);
        if (out.size() == batch) write_out();
        Run& run = cursors[i];
        if (++run.at < run.read.size() || read_batch(run)) heads.emplace(run.read[run.at], i);
    }
    write_out();
    return merged;
}

RecordIndex::RecordIndex(RecordIndex&& other) noexcept
    : file_(std::move(other.file_)),
      fd_(std::exchange(other.fd_, -1)),
      entries_(std::move(other.entries_)),
      spilled_(std::exchange(other.spilled_, std::nullopt)) {}

RecordIndex& RecordIndex::operator=(RecordIndex&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        file_ = std::move(other.file_);
        fd_ = std::exchange(other.fd_, -1);
        entries_ = std::move(other.entries_);
        spilled_ = std::exchange(other.spilled_, std::nullopt);
    }
    return *this;
}

RecordIndex::~RecordIndex() {
    if (fd_ >= 0) ::close(fd_);
}

RecordIndex::Entry RecordIndex::entry_at(std::size_t i) const {
    if (!spilled_) return entries_[i];
    Entry entry{};
    spilled_->file.read(std::as_writable_bytes(std::span(&entry, 1)), std::uint64_t{i} * sizeof(Entry));
    return entry;
}

std::size_t RecordIndex::first_at_least(std::uint64_t hash) const {
    const auto below = [hash](const Entry& entry) { return entry.hash < hash; };
    if (!spilled_) return static_cast<std::size_t>(std::ranges::partition_point(entries_, below) - entries_.begin());
    // It is in the block before the first block that starts at `hash` or above, or starts that block.
    const auto& firsts = spilled_->block_first_hashes;
    const auto block = static_cast<std::size_t>(
        std::ranges::partition_point(firsts, [hash](std::uint64_t first) { return first < hash; }) - firsts.begin());
    if (block == 0) return 0;
    const std::size_t begin = (block - 1) * SpilledEntries::block_size;
    std::vector<Entry> entries(std::min(spilled_->count, begin + SpilledEntries::block_size) - begin);
    spilled_->file.read(std::as_writable_bytes(std::span(entries)), std::uint64_t{begin} * sizeof(Entry));
    return begin + static_cast<std::size_t>(std::ranges::partition_point(entries, below) - entries.begin());
}

std::optional<RoundTripRecord> RecordIndex::find(std::string_view path, Warnings& warnings) const {
    const std::uint64_t hash = path_hash(path);
    // The last record of a path wins, as a later line was written later.
    std::optional<Entry> found;
    std::string found_line;
    std::string line;
    for (std::size_t i = first_at_least(hash); i < entry_count(); ++i) {
        const Entry entry = entry_at(i);
        if (entry.hash != hash) break;
        line.resize(entry.length);
        if (::pread(fd_, line.data(), line.size(), static_cast<off_t>(entry.offset)) ==
                static_cast<ssize_t>(line.size()) &&
            path_of_line(line) == path) {
            found = entry;
            found_line.swap(line);
        }
    }
    if (!found) return std::nullopt;
    const SourceLocation where{file_, static_cast<int>(found->line), 1};
    try {
        // Plain JSON, as write_json_line wrote it.
        const Table line_table = parse_json(found_line, where);
        if (const Value* record = line_table.find("record"); record && record->is_table())
            if (auto parsed = RoundTripRecord::from_table(record->as_table())) return parsed;
    } catch (const std::exception&) {
        // Reported below: the conversion goes on without the record.
    }
    warnings.add(WarningKind::RoundTripRecord, where, "unreadable round-trip record; converting without it");
    return std::nullopt;
}

void RecordIndex::for_each(const std::function<void(std::string_view path, std::string_view line)>& visit) const {
    if (fd_ < 0) return;
    std::string with_newline;
    scan_lines(fd_, file_, [&](std::uint64_t, std::string_view line, std::uint32_t) {
        if (auto path = path_of_line(line)) {
            with_newline.assign(line).push_back('\n');
            visit(*path, with_newline);
        }
    });
}

RecordsWriter::RecordsWriter(fs::path root) : root_(std::move(root)) {
    Warnings ignored;  // an earlier file's unreadable lines were reported when it was read
    earlier_ = RecordIndex(root_, ignored);
}

std::string record_json(const RoundTripRecord& record) { return write_json_line(record.to_table()); }

void RecordsWriter::add(std::string_view path, std::string_view record_json) {
    if (!file_) file_.emplace(root_ / records_file);
    // Starts with line_start, as the index expects: {"path":"...
    file_->stream() << R"({"path":)" << dump_json(OrderedJson(path)) << R"(,"record":)" << record_json << "}\n";
    if (!earlier_.empty()) added_.push_back(path);
}

void RecordsWriter::commit() {
    if (!file_) return;
    added_.sort();
    earlier_.for_each([&](std::string_view path, std::string_view line) {
        std::error_code error;
        if (is_safe_relative_path(path) && !std::binary_search(added_.begin(), added_.end(), path) &&
            fs::exists(root_ / path, error))
            file_->stream() << line;
    });
    file_->commit();
    file_.reset();
}

}  // namespace postport
