#include "core/sorted_paths.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <queue>
#include <system_error>

namespace postport {

// The paths of one run, [begin, end) of the temporary file, each followed by
// a NUL, read through a buffer with pread (so that several runs of one file
// are read at once while merging).
class PathRunReader {
public:
    PathRunReader(int fd, std::uint64_t begin, std::uint64_t end) : fd_(fd), at_(begin), end_(end) {}

    // The next path, valid until the next call; nullopt after the last.
    std::optional<std::string_view> next() {
        for (;;) {
            if (const std::size_t nul = buffer_.find('\0', start_); nul != std::string::npos) {
                const std::string_view path(buffer_.data() + start_, nul - start_);
                start_ = nul + 1;
                return path;
            }
            if (at_ == end_) {
                if (start_ != buffer_.size())
                    throw std::system_error(EIO, std::generic_category(), "the temporary list of paths is cut short");
                return std::nullopt;
            }
            buffer_.erase(0, start_);
            start_ = 0;
            const std::size_t kept = buffer_.size();
            const auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(read_size, end_ - at_));
            buffer_.resize(kept + wanted);
            const ssize_t got = ::pread(fd_, buffer_.data() + kept, wanted, static_cast<off_t>(at_));
            if (got < 0 && errno == EINTR) {
                buffer_.resize(kept);
                continue;
            }
            if (got <= 0)
                throw std::system_error(got < 0 ? errno : EIO, std::generic_category(),
                                        "cannot read the temporary list of paths");
            buffer_.resize(kept + static_cast<std::size_t>(got));
            at_ += static_cast<std::uint64_t>(got);
        }
    }

private:
    static constexpr std::size_t read_size = std::size_t{64} << 10;
    int fd_;
    std::uint64_t at_;
    std::uint64_t end_;
    std::string buffer_;
    std::size_t start_ = 0;  // where the unread bytes of buffer_ start
};

SortedPaths::SortedPaths(std::size_t memory_budget) : memory_budget_(memory_budget) {}
SortedPaths::SortedPaths(SortedPaths&&) noexcept = default;
SortedPaths& SortedPaths::operator=(SortedPaths&&) noexcept = default;
SortedPaths::~SortedPaths() = default;

void SortedPaths::push_back(std::string_view path) {
    memory_.push_back(path);
    ++count_;
    if (memory_.text_size() >= memory_budget_) write_run();
}

// Writes the paths in memory, sorted, as a run; keeps them in memory if no
// temporary file can be made.
void SortedPaths::write_run() {
    if (!file_) {
        file_.reset(std::tmpfile());
        if (!file_) {
            memory_budget_ = std::numeric_limits<std::size_t>::max();
            return;
        }
    }
    memory_.sort();
    const std::uint64_t begin = file_size_;
    for (const std::string_view path : memory_) {
        std::fwrite(path.data(), 1, path.size(), file_.get());
        std::fputc('\0', file_.get());
        file_size_ += path.size() + 1;
    }
    if (std::ferror(file_.get()))
        throw std::system_error(errno, std::generic_category(), "cannot write the temporary list of paths");
    runs_.emplace_back(begin, file_size_);
    memory_ = PathList();
}

void SortedPaths::sort() {
    if (runs_.empty()) {
        memory_.sort();
        return;
    }
    if (!memory_.empty()) write_run();
    if (std::fflush(file_.get()) != 0)
        throw std::system_error(errno, std::generic_category(), "cannot write the temporary list of paths");
    // A k-way merge of the runs, appended to the file after them.
    const int fd = ::fileno(file_.get());
    std::vector<PathRunReader> runs;
    runs.reserve(runs_.size());
    using Head = std::pair<std::string_view, std::size_t>;  // a run's next path, and the run
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (const auto& [begin, end] : runs_) {
        runs.emplace_back(fd, begin, end);
        if (auto path = runs.back().next()) heads.emplace(*path, runs.size() - 1);
    }
    const std::uint64_t begin = file_size_;
    while (!heads.empty()) {
        const auto [path, run] = heads.top();
        heads.pop();
        std::fwrite(path.data(), 1, path.size(), file_.get());
        std::fputc('\0', file_.get());
        file_size_ += path.size() + 1;
        if (auto next = runs[run].next()) heads.emplace(*next, run);
    }
    if (std::fflush(file_.get()) != 0 || std::ferror(file_.get()))
        throw std::system_error(errno, std::generic_category(), "cannot write the temporary list of paths");
    merged_ = {begin, file_size_};
}

SortedPaths::Reader SortedPaths::read() const {
    if (runs_.empty()) return Reader(&memory_, nullptr);
    return Reader(nullptr, std::make_unique<PathRunReader>(::fileno(file_.get()), merged_.first, merged_.second));
}

SortedPaths::Reader::Reader(const PathList* memory, std::unique_ptr<PathRunReader> run)
    : memory_(memory), run_(std::move(run)) {}
SortedPaths::Reader::Reader(Reader&&) noexcept = default;
SortedPaths::Reader& SortedPaths::Reader::operator=(Reader&&) noexcept = default;
SortedPaths::Reader::~Reader() = default;

std::optional<std::string_view> SortedPaths::Reader::next() {
    if (run_) return run_->next();
    if (next_in_memory_ == memory_->size()) return std::nullopt;
    return (*memory_)[next_in_memory_++];
}

}  // namespace postport
