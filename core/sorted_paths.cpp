#include "core/sorted_paths.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <span>
#include <system_error>

namespace postport {

namespace {

constexpr std::size_t buffer_size = std::size_t{64} << 10;

}  // namespace

PathFile::PathFile(std::string what) : file_(std::move(what)) {}

void PathFile::append(std::string_view path) {
    buffer_.append(path);
    buffer_.push_back('\0');
    if (buffer_.size() >= buffer_size) write_buffer();
}

void PathFile::write_buffer() {
    file_.write(std::as_bytes(std::span(buffer_.data(), buffer_.size())), written_);
    written_ += buffer_.size();
    buffer_.clear();
}

PathFile::Reader PathFile::read(std::uint64_t begin, std::uint64_t end) {
    if (!buffer_.empty()) write_buffer();
    return Reader(file_, begin, end);
}

std::optional<std::string_view> PathFile::Reader::next() {
    for (;;) {
        if (const std::size_t nul = buffer_.find('\0', start_); nul != std::string::npos) {
            const std::string_view path(buffer_.data() + start_, nul - start_);
            start_ = nul + 1;
            return path;
        }
        if (at_ == end_) {
            if (start_ != buffer_.size())
                throw std::system_error(std::make_error_code(std::errc::io_error), "a temporary list of paths is cut short");
            return std::nullopt;
        }
        buffer_.erase(0, start_);
        start_ = 0;
        const std::size_t kept = buffer_.size();
        const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(buffer_size, end_ - at_));
        buffer_.resize(kept + size);
        file_->read(std::as_writable_bytes(std::span(buffer_.data() + kept, size)), at_);
        at_ += size;
    }
}

SortedPaths::SortedPaths(std::size_t memory_budget) : memory_budget_(memory_budget) {}

void SortedPaths::push_back(std::string_view path) {
    memory_.push_back(path);
    ++count_;
    if (memory_.text_size() >= memory_budget_) write_run();
}

void SortedPaths::write_run() {
    if (!file_) {
        try {
            file_.emplace("the temporary list of a site's paths");
        } catch (const std::system_error&) {
            memory_budget_ = std::numeric_limits<std::size_t>::max();  // no file: all stays in memory
            return;
        }
    }
    memory_.sort();
    const std::uint64_t begin = file_->end();
    for (const std::string_view path : memory_) file_->append(path);
    runs_.emplace_back(begin, file_->end());
    memory_ = PathList();
}

void SortedPaths::sort() {
    if (runs_.empty()) {
        memory_.sort();
        return;
    }
    if (!memory_.empty()) write_run();
    // A k-way merge of the runs, appended to the file after them.
    std::vector<PathFile::Reader> runs;
    runs.reserve(runs_.size());
    using Head = std::pair<std::string_view, std::size_t>;  // a run's next path, and the run
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heads;
    for (const auto& [begin, end] : runs_) {
        runs.push_back(file_->read(begin, end));
        if (auto path = runs.back().next()) heads.emplace(*path, runs.size() - 1);
    }
    const std::uint64_t begin = file_->end();
    while (!heads.empty()) {
        const auto [path, run] = heads.top();
        heads.pop();
        file_->append(path);
        if (auto next = runs[run].next()) heads.emplace(*next, run);
    }
    merged_ = {begin, file_->end()};
}

SortedPaths::Reader SortedPaths::read() const {
    if (runs_.empty()) return Reader(memory_);
    return Reader(file_->read(merged_.first, merged_.second));
}

std::optional<std::string_view> SortedPaths::Reader::next() {
    if (merged_) return merged_->next();
    if (next_in_memory_ == memory_->size()) return std::nullopt;
    return (*memory_)[next_in_memory_++];
}

}  // namespace postport
