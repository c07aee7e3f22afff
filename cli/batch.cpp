#include "cli/batch.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace postport::cli {

namespace {

using Json = nlohmann::ordered_json;
using Status = FileResult::Status;

constexpr std::size_t status_count = 5;
constexpr std::array<Status, status_count> all_statuses = {Status::Converted, Status::Restored, Status::Copied,
                                                           Status::Failed, Status::Skipped};

Json warning_json(const Warning& warning) {
    return Json{{"kind", warning_kind_name(warning.kind)},
                {"path", warning.where.path},
                {"line", warning.where.line},
                {"column", warning.where.column},
                {"message", warning.message}};
}

// "3 templates, 1 symbolic link" for a map of reasons to counts.
std::string reasons_text(const std::map<std::string, std::size_t>& reasons) {
    std::string text;
    for (const auto& [reason, count] : reasons) {
        if (!text.empty()) text += ", ";
        text += std::to_string(count) + " " + reason;
    }
    return text;
}

}  // namespace

// The report is one JSON object; its "files" array is written as files come,
// so that a report of 200,000 files does not sit in memory.
struct BatchReport::ReportFile {
    AtomicFile file;
    bool first = true;

    explicit ReportFile(const std::string& path) : file(path) {}
};

BatchReport::BatchReport(BatchSettings settings) : settings_(std::move(settings)) {
    if (settings_.report_path.empty()) return;
    report_ = std::make_unique<ReportFile>(settings_.report_path);
    Json head{{"postport", POSTPORT_VERSION}, {"from", settings_.from},     {"to", settings_.to},
              {"input", settings_.input},     {"output", settings_.output}, {"dry_run", settings_.dry_run}};
    std::string text = head.dump(2);
    text.pop_back();  // the closing brace: the files follow
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    report_->file.stream() << text << ",\n  \"files\": [";
}

BatchReport::~BatchReport() = default;

void BatchReport::listed(std::size_t total) { total_ = total; }

void BatchReport::file(const FileResult& result) {
    ++counts_[static_cast<std::size_t>(result.status)];
    ++done_;
    warnings_ += result.warnings.size();
    if (result.status == Status::Skipped) ++skip_reasons_[result.reason];
    if (result.status == Status::Failed) ++fail_reasons_[result.reason];
    if (result.output_failed) output_failed_ = true;
    if (result.verified) ++verified_;
    if (!result.difference.empty()) ++differences_;

    const bool printing = !settings_.quiet && (!result.warnings.empty() || result.status == Status::Skipped ||
                                               !result.difference.empty());
    if (printing || result.status == Status::Failed) clear_progress();
    if (!settings_.quiet)
        for (const auto& warning : result.warnings) std::cerr << format_warning(warning) << '\n';
    if (result.status == Status::Failed || (result.status == Status::Skipped && !settings_.quiet))
        std::cerr << result.message << '\n';
    if (!result.difference.empty())
        std::cerr << result.input << ": error: --verify: " << result.difference << '\n';
    draw_progress(false);

    if (!report_) return;
    Json entry{{"input", result.input}, {"output", result.output}, {"status", status_name(result.status)}};
    if (!result.reason.empty()) entry["reason"] = result.reason;
    if (!result.message.empty()) entry["message"] = result.message;
    Json warnings = Json::array();
    for (const auto& warning : result.warnings) warnings.push_back(warning_json(warning));
    entry["warnings"] = std::move(warnings);
    if (result.verified) entry["verified"] = result.difference.empty() ? "identical" : "differs";
    if (!result.difference.empty()) entry["difference"] = result.difference;
    report_->file.stream() << (report_->first ? "\n    " : ",\n    ") << entry.dump();
    report_->first = false;
}

void BatchReport::finish(const Warnings& site_warnings, const std::optional<std::string>& failure) {
    draw_progress(true);
    clear_progress();
    if (failure) std::cerr << "postport: error: " << *failure << '\n';
    if (!settings_.quiet)
        for (const auto& warning : site_warnings.all()) std::cerr << format_warning(warning) << '\n';
    warnings_ += site_warnings.all().size();
    std::size_t found = 0;
    for (auto count : counts_) found += count;

    if (!settings_.quiet) {
        std::cerr << "postport: " << found << " files" << (settings_.dry_run ? " (dry run: nothing written)" : "")
                  << ": " << count(Status::Converted) << " converted, " << count(Status::Restored)
                  << " restored, " << count(Status::Copied) << " copied, " << count(Status::Failed) << " failed";
        if (!fail_reasons_.empty()) std::cerr << " (" << reasons_text(fail_reasons_) << ")";
        std::cerr << ", " << count(Status::Skipped) << " skipped";
        if (!skip_reasons_.empty()) std::cerr << " (" << reasons_text(skip_reasons_) << ")";
        std::cerr << "; " << warnings_ << " warnings";
        if (settings_.verify) std::cerr << "; verified " << verified_ << ", " << differences_ << " differ";
        std::cerr << '\n';
    }

    if (!report_) return;
    Json summary{{"found", found}};
    for (auto status : all_statuses) summary[std::string(status_name(status))] = count(status);
    summary["warnings"] = warnings_;
    if (settings_.verify) {
        summary["verified"] = verified_;
        summary["differ"] = differences_;
    }
    Json reasons;
    for (const auto& [reason, count] : skip_reasons_) reasons["skipped"][reason] = count;
    for (const auto& [reason, count] : fail_reasons_) reasons["failed"][reason] = count;
    Json site = Json::array();
    for (const auto& warning : site_warnings.all()) site.push_back(warning_json(warning));
    std::ostream& out = report_->file.stream();
    out << (report_->first ? "],\n" : "\n  ],\n") << "  \"site_warnings\": " << site.dump() << ",\n"
        << "  \"summary\": " << summary.dump() << ",\n"
        << "  \"reasons\": " << (reasons.is_null() ? Json::object() : reasons).dump() << ",\n"
        << "  \"error\": " << (failure ? Json(*failure) : Json(nullptr)).dump() << "\n}\n";
    report_->file.commit();
}

void BatchReport::draw_progress(bool last) {
    if (!settings_.progress || settings_.quiet || total_ == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (!last && progress_shown_ && now - last_drawn_ < std::chrono::milliseconds(100)) return;
    last_drawn_ = now;
    constexpr std::size_t width = 30;
    const std::size_t filled = total_ ? done_ * width / total_ : width;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done_ << '/'
              << total_ << std::flush;
    progress_shown_ = true;
}

void BatchReport::clear_progress() {
    if (!progress_shown_) return;
    std::cerr << "\r\033[K" << std::flush;
    progress_shown_ = false;
}

}  // namespace postport::cli
