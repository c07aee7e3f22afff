// What the user sees of a site conversion: warnings and failures as they
// come, a progress bar, the summary line and the --report file.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/site.h"

namespace postport::cli {

struct BatchSettings {
    std::string from;
    std::string to;
    std::string input;
    std::string output;
    bool quiet = false;
    bool dry_run = false;
    bool verify = false;
    bool progress = false;  // draw a progress bar on standard error
    std::string report_path;  // empty: no report
};

class BatchReport {
public:
    // Opens the report file (written atomically when finished). Throws OutputError.
    explicit BatchReport(BatchSettings settings);
    BatchReport(const BatchReport&) = delete;
    BatchReport& operator=(const BatchReport&) = delete;
    ~BatchReport();

    void listed(std::size_t total);
    void file(const FileResult& result);
    // Prints the site's warnings and the summary line; completes the report.
    // `failure` is an error that stopped the conversion, if any. Throws OutputError.
    void finish(const Warnings& site_warnings, const std::optional<std::string>& failure);

    [[nodiscard]] std::size_t count(FileResult::Status status) const {
        return counts_[static_cast<std::size_t>(status)];
    }
    [[nodiscard]] std::size_t warnings() const { return warnings_; }
    [[nodiscard]] std::size_t differences() const { return differences_; }
    [[nodiscard]] bool output_failed() const { return output_failed_; }

private:
    void draw_progress(bool last);
    void clear_progress();

    BatchSettings settings_;
    std::array<std::size_t, 5> counts_{};
    std::map<std::string, std::size_t> skip_reasons_;
    std::map<std::string, std::size_t> fail_reasons_;
    std::size_t warnings_ = 0;
    std::size_t verified_ = 0;
    std::size_t differences_ = 0;
    bool output_failed_ = false;
    std::size_t total_ = 0;
    std::size_t done_ = 0;
    bool progress_shown_ = false;
    std::chrono::steady_clock::time_point last_drawn_{};

    struct ReportFile;  // the --report file, streamed entry by entry
    std::unique_ptr<ReportFile> report_;
};

}  // namespace postport::cli
