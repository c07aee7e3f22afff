#include "core/records.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
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

RecordIndex::RecordIndex(const fs::path& root, Warnings& warnings) : file_((root / records_file).string()) {
    // Like every input file, not read through a symbolic link (nor a FIFO).
    fd_ = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd_ < 0) return;
    try {
        scan_lines(fd_, file_, [&](std::uint64_t offset, std::string_view line, std::uint32_t number) {
            if (auto path = path_of_line(line)) {
                entries_.push_back(Entry{path_hash(*path), offset, static_cast<std::uint32_t>(line.size()), number});
                return;
            }
            warnings.add(WarningKind::RoundTripRecord, SourceLocation{file_, static_cast<int>(number), 1},
                         "not a round-trip record; skipped");
        });
    } catch (const std::system_error& error) {
        warnings.add(WarningKind::RoundTripRecord, SourceLocation{file_, 0, 0},
                     std::string(error.what()) + "; converting without round-trip records");
        entries_.clear();
    }
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
}

RecordIndex::RecordIndex(RecordIndex&& other) noexcept
    : file_(std::move(other.file_)), fd_(std::exchange(other.fd_, -1)), entries_(std::move(other.entries_)) {}

RecordIndex& RecordIndex::operator=(RecordIndex&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        file_ = std::move(other.file_);
        fd_ = std::exchange(other.fd_, -1);
        entries_ = std::move(other.entries_);
    }
    return *this;
}

RecordIndex::~RecordIndex() {
    if (fd_ >= 0) ::close(fd_);
}

std::optional<RoundTripRecord> RecordIndex::find(std::string_view path, Warnings& warnings) const {
    const std::uint64_t hash = path_hash(path);
    auto entry = std::lower_bound(entries_.begin(), entries_.end(), hash,
                                  [](const Entry& e, std::uint64_t h) { return e.hash < h; });
    // The last record of a path wins, as a later line was written later.
    std::optional<Entry> found;
    std::string found_line;
    std::string line;
    for (; entry != entries_.end() && entry->hash == hash; ++entry) {
        line.resize(entry->length);
        if (::pread(fd_, line.data(), line.size(), static_cast<off_t>(entry->offset)) ==
                static_cast<ssize_t>(line.size()) &&
            path_of_line(line) == path) {
            found = *entry;
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
