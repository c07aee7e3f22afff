#include "core/site.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "core/parallel.h"
#include "core/records.h"
#include "core/sorted_paths.h"
#include "core/text.h"

namespace postport {

namespace fs = std::filesystem;

std::string_view status_name(FileResult::Status status) {
    switch (status) {
        case FileResult::Status::Converted: return "converted";
        case FileResult::Status::Restored: return "restored";
        case FileResult::Status::Copied: return "copied";
        case FileResult::Status::Failed: return "failed";
        case FileResult::Status::Skipped: return "skipped";
    }
    return "?";
}

namespace {

// A free output path: the natural one, else with -2, -3 ... before the extension.
std::string free_output_path(const PathHashSet& taken, const std::string& path) {
    if (!taken.contains(path)) return path;
    auto slash = path.rfind('/');
    auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) dot = path.size();
    for (int n = 2;; ++n) {
        std::string candidate = path.substr(0, dot) + "-" + std::to_string(n) + path.substr(dot);
        if (!taken.contains(candidate)) return candidate;
    }
}

}  // namespace

namespace {

constexpr std::string_view site_record_name = "site.json";

// What a site conversion remembers for the way back: the original config
// files, where each copied file came from, and the files postport made.
struct SiteRecord {
    std::string source_platform;
    std::vector<OutputFile> config_files;
    std::vector<std::pair<std::string, std::string>> files;  // (target, source)

    [[nodiscard]] Table to_table() const {
        Table table;
        table.set("version", 1);
        table.set("source_platform", source_platform);
        Array configs;
        for (const auto& file : config_files) {
            Table entry;
            entry.set("path", file.path);
            entry.set("bytes", file.bytes);
            configs.emplace_back(std::move(entry));
        }
        table.set("config_files", std::move(configs));
        Table placed;
        for (const auto& [target, source] : files) placed.set(target, source);
        table.set("files", std::move(placed));
        return table;
    }

    static std::optional<SiteRecord> from_table(const Table& table) {
        const Value* platform = table.find("source_platform");
        const Value* configs = table.find("config_files");
        const Value* placed = table.find("files");
        if (!platform || !platform->is_string() || !configs || !configs->is_array() || !placed ||
            !placed->is_table())
            return std::nullopt;
        SiteRecord record;
        record.source_platform = platform->as_string();
        for (const auto& entry : configs->as_array()) {
            const Value* path = entry.is_table() ? entry.as_table().find("path") : nullptr;
            const Value* bytes = entry.is_table() ? entry.as_table().find("bytes") : nullptr;
            if (!path || !path->is_string() || !bytes || !bytes->is_string()) return std::nullopt;
            record.config_files.push_back(OutputFile{path->as_string(), bytes->as_string()});
        }
        for (const auto& entry : placed->as_table())
            if (entry.value.is_string()) record.files.emplace_back(entry.key, entry.value.as_string());
        return record;
    }
};

std::optional<SiteRecord> read_site_record(const fs::path& input_root) {
    const fs::path path = input_root / records_folder / site_record_name;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return std::nullopt;
    try {
        return SiteRecord::from_table(parse_json(read_file(path), SourceLocation{path.string(), 1, 1}));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string directory_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string file_name_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether an input file is one of postport's own records (consumed, not converted).
bool is_record_file(std::string_view relative) {
    return relative.starts_with(std::string(records_folder) + "/");
}

// The excerpt separator a site's config sets for every post, if any.
std::string excerpt_separator_of(const std::optional<SiteConfig>& config) {
    if (!config) return {};
    const Value* separator = config->settings.find("excerpt_separator");
    return separator && separator->is_string() ? separator->as_string() : std::string();
}

// Each article's path and the output path it claimed in the first pass,
// kept for the index of the site that a second pass needs: in a temporary file, so that memory
// does not grow with the site (in memory if no temporary file can be made).
class ClaimedOutputs {
public:
    void add(std::string_view source, std::string_view output) {
        if (!opened_) {
            opened_ = true;
            try {
                file_.emplace("the temporary list of output paths");
            } catch (const std::system_error&) {
            }
        }
        if (!file_) {
            kept_.emplace_back(source, output);
            return;
        }
        file_->append(source);
        file_->append(output);
    }

    // Calls `visit(source, output)` for every pair added, in order. Throws
    // std::system_error if the temporary file cannot be written or read.
    void for_each(const std::function<void(std::string_view, std::string_view)>& visit) {
        if (!file_) {
            for (const auto& [source, output] : kept_) visit(source, output);
            return;
        }
        auto reader = file_->read(0, file_->end());
        for (std::optional<std::string_view> source; (source = reader.next());) {
            const std::string kept_source(*source);  // the reader's next call moves on
            visit(kept_source, reader.next().value_or(""));
        }
    }

private:
    bool opened_ = false;
    std::optional<PathFile> file_;
    std::vector<std::pair<std::string, std::string>> kept_;
};

// The next path of `reader`, as a string of its own (for work on another thread).
std::optional<std::string> next_string(SortedPaths::Reader& reader) {
    const auto path = reader.next();
    return path ? std::optional<std::string>(*path) : std::nullopt;
}

// One site conversion: the steps of convert_site and what they share.
class SiteConversion {
public:
    SiteConversion(const fs::path& input_root, SiteSink& output, const SiteOptions& options,
                   const std::function<void(const FileResult&)>& on_file)
        : input_(input_root), output_(output), options_(options), on_file_(on_file),
          from_(*options.request.from), to_(*options.request.to) {}

    Warnings run() {
        request_ = options_.request;
        from_.list_documents(input_, documents_, others_);
        records_ = RecordIndex(input_, site_warnings_);
        if (auto record = read_site_record(input_); record && record->source_platform == to_.name())
            restoring_ = std::move(record);
        const std::size_t others = place_others();
        if (options_.on_listed) options_.on_listed(documents_.size() + others);
        convert_config();
        convert_documents();
        copy_others();
        if (!restoring_) {
            write_templates();
            write_layouts();
        }
        if (!restoring_ && options_.request.placement != RecordPlacement::None)
            write_generated(site_record_path(), write_json(record_.to_table()));
        if (records_out_) records_out_->commit();
        output_.finish();
        return std::move(site_warnings_);
    }

private:
    // How messages name an input file.
    std::string display_of(const std::string& relative) const {
        return options_.input_name.empty() ? (input_ / relative).string()
                                           : options_.input_name + "[" + relative + "]";
    }

    static std::string site_record_path() {
        return std::string(records_folder) + "/" + std::string(site_record_name);
    }

    // Where each non-article file goes, before the articles are converted,
    // since their links to those files are rewritten. Returns the number of
    // files that will be reported.
    std::size_t place_others() {
        std::size_t reported = 0;
        std::map<std::string, std::string, std::less<>> restored_sources;
        if (restoring_)
            for (const auto& [target, source] : restoring_->files) restored_sources[target] = source;
        for (auto reader = others_.read(); const auto relative = reader.next();) {
            if (is_record_file(*relative)) continue;
            ++reported;
            SiteFile file = from_.classify(*relative);
            if (file.role == SiteFile::Role::Config) {
                config_files_.emplace_back(*relative);
                continue;
            }
            std::optional<std::string> target;
            if (auto found = restored_sources.find(*relative); found != restored_sources.end())
                target = found->second;
            else if (file.role == SiteFile::Role::Published || file.role == SiteFile::Role::Data)
                target = to_.place(file);
            if (target && is_safe_relative_path(*target)) placed_.emplace(*relative, *target);
        }
        return reported;
    }

    // The site config: converted (the original kept in the site record), or
    // the original written back when restoring. A config that cannot be
    // read or converted fails on its own; the articles are still converted.
    void convert_config() {
        Warnings warnings;
        FileResult result;
        result.status = restoring_ ? FileResult::Status::Restored : FileResult::Status::Converted;
        try {
            source_config_ = from_.read_config(input_, warnings);
            request_.source_excerpt_separator = excerpt_separator_of(source_config_);
            if (source_config_) request_.write.site = &*source_config_;
            if (restoring_) {
                for (const auto& file : restoring_->config_files) write_generated(file.path, file.bytes);
            } else {
                if (source_config_)
                    for (const auto& file : to_.write_config(*source_config_, warnings))
                        write_generated(file.path, file.bytes);
                for (const auto& relative : config_files_)
                    record_.config_files.push_back(OutputFile{relative, read_input_file(input_ / relative)});
            }
            if (const fs::path* folder = output_.folder()) {
                Warnings ignored;
                request_.target_excerpt_separator = excerpt_separator_of(to_.read_config(*folder, ignored));
            }
        } catch (const std::exception& error) {
            fail(result, error);
        }
        for (const auto& relative : config_files_) {
            result.input = relative;
            result.warnings = warnings.all();
            warnings = Warnings();
            on_file_(result);
        }
    }

    // Links from an article named index.* to the files beside and below it
    // (a Hugo page bundle's resources) point at where those files went.
    LinkRewrites links_of(const std::string& relative) const {
        LinkRewrites rewrites;
        if (!file_name_of(relative).starts_with("index.") && !file_name_of(relative).starts_with("_index."))
            return rewrites;
        const std::string folder = directory_of(relative) + "/";
        for (auto it = placed_.lower_bound(folder); it != placed_.end() && it->first.starts_with(folder); ++it) {
            if (auto url = to_.url_of(it->second))
                rewrites.emplace_back(it->first.substr(folder.size()), "/" + *url);
        }
        return rewrites;
    }

    // What converting or copying one file gives: its result and, when the
    // sink is written in order, the files to write.
    struct Outcome {
        FileResult result;
        std::vector<OutputFile> files;
    };

    // Writes `files` now if the sink takes files from any thread, else keeps
    // them for take_outcome.
    void write_or_keep(Outcome& outcome, std::vector<OutputFile> files) {
        if (!output_.concurrent()) {
            outcome.files = std::move(files);
            return;
        }
        for (const auto& file : files) output_.write(file.path, file.bytes);
    }

    void take_outcome(Outcome& outcome) {
        for (const auto& file : outcome.files) output_.write(file.path, file.bytes);
        on_file_(outcome.result);
    }

    // One article converted on a worker thread, to be settled in order.
    struct Attempt {
        FileResult result;  // what failed or was skipped, when `converted` is empty
        std::optional<Converted> converted;
        Warnings warnings;
        // The converted file, written ahead, and its record as JSON text;
        // put in place when its turn comes.
        std::unique_ptr<StagedFile> staged;
        std::string record_json;
    };

    Attempt convert_one(const std::string& relative, bool first_pass) const {
        Attempt attempt;
        FileResult& result = attempt.result;
        result.input = relative;
        const std::string display = display_of(relative);
        try {
            std::string bytes = read_input_file(input_ / relative);
            auto record = records_.find(relative, attempt.warnings);
            LinkRewrites links = links_of(relative);
            ConvertRequest request = request_;
            request.links = &links;
            request.defer_linked = first_pass;
            Converted converted = convert_document(request, bytes, relative, display, record, attempt.warnings);
            if (!is_safe_relative_path(converted.path))
                throw ParseError(SourceLocation{display, 0, 0},
                                 "refusing to write outside the output folder: '" + converted.path + "'");
            if (options_.verify && !converted.restored && !converted.deferred) {
                if (auto difference = verify_conversion(request, bytes, relative, display, converted))
                    result.difference = std::move(*difference);
                result.verified = true;
            }
            if (!converted.deferred) {
                attempt.staged = output_.stage(converted.path, std::move(converted.bytes));
                if (converted.record && output_.folder()) attempt.record_json = record_json(*converted.record);
            }
            attempt.converted = std::move(converted);
        } catch (const NotAnArticle& error) {
            result.status = FileResult::Status::Skipped;
            result.reason = "not an article";
            result.message = error.what();
        } catch (const std::exception& error) {
            fail(result, error);
        }
        return attempt;
    }

    // The first pass's settle: claims the article's output path, on the
    // calling thread, in path order, so that two articles that would land on
    // one path get the same names whatever the number of jobs. An article
    // that links to others waits for the second pass, when every path is known.
    void claim_and_settle(Attempt& attempt, PathHashSet& taken) {
        std::string output;
        if (attempt.converted) {
            output = free_output_path(taken, attempt.converted->path);
            taken.insert(output);
            claimed_.add(attempt.result.input, output);
            if (attempt.converted->deferred) {
                deferred_.push_back(DeferredArticle{attempt.result.input, std::move(output)});
                return;
            }
        }
        settle(attempt, output);
    }

    // Writes a converted article at its claimed `output` path (on the calling
    // thread, in input order) and reports it.
    void settle(Attempt& attempt, const std::string& output) {
        FileResult& result = attempt.result;
        if (!attempt.converted) {
            result.warnings = attempt.warnings.all();
            on_file_(result);
            return;
        }
        Converted& converted = *attempt.converted;
        const std::string display = display_of(result.input);
        if (output != converted.path)
            attempt.warnings.add(WarningKind::PathChanged, SourceLocation{display, 0, 0},
                                 "another file already converts to " + converted.path + "; written as " + output);
        result.warnings = attempt.warnings.all();
        if (options_.strict && !attempt.warnings.empty()) {
            result.status = FileResult::Status::Failed;
            result.reason = "warnings with --strict";
            result.message = display + ": not written: --strict and the conversion has warnings";
            on_file_(result);
            return;
        }
        try {
            output_.place(std::move(attempt.staged), output);
            if (!attempt.record_json.empty()) {
                if (!records_out_) records_out_.emplace(*output_.folder());
                records_out_->add(output, attempt.record_json);
            }
            result.output = output;
            result.status = converted.restored ? FileResult::Status::Restored : FileResult::Status::Converted;
            used_templates_.insert(converted.used_templates.begin(), converted.used_templates.end());
        } catch (const std::exception& error) {
            fail(result, error);
        }
        on_file_(result);
    }

    // A file that could not be read, converted or written; a symbolic link
    // or special file is not read and counts as skipped.
    static void fail(FileResult& result, const std::exception& error) {
        const auto* system = dynamic_cast<const std::system_error*>(&error);
        result.status = FileResult::Status::Failed;
        if (dynamic_cast<const OutputError*>(&error)) {
            result.reason = "cannot write";
            result.output_failed = true;
        } else if (const auto* not_read = dynamic_cast<const NotRead*>(&error)) {
            result.status = FileResult::Status::Skipped;
            result.reason = not_read->reason();
        } else {
            result.reason = system ? "cannot read" : "bad input";
        }
        result.message = error.what();
    }

    // Articles are converted in one pass, but for those whose bodies link to
    // other articles: they need every output path, so they come after, with
    // the index of the site (made only then: it is most of the memory a
    // conversion holds per article).
    void convert_documents() {
        PathHashSet taken;
        taken.reserve(documents_.size());
        auto documents = documents_.read();
        run_items_in_order<Attempt, std::string>(
            [&] { return next_string(documents); }, options_.jobs,
            [&](std::size_t, std::string& relative) { return convert_one(relative, true); },
            [&](std::size_t, Attempt& attempt) { claim_and_settle(attempt, taken); });
        if (deferred_.empty()) return;
        claimed_.for_each([&](std::string_view source, std::string_view output) { index_.add(source, output); });
        index_back_ = index_.flipped();
        request_.site = &index_;
        request_.site_back = &index_back_;
        run_in_order<Attempt>(
            deferred_.size(), options_.jobs, [&](std::size_t k) { return convert_one(deferred_[k].input, false); },
            [&](std::size_t k, Attempt& attempt) { settle(attempt, deferred_[k].output); });
    }

    Outcome copy_one(const std::string& relative) {
        Outcome outcome;
        FileResult& result = outcome.result;
        result.input = relative;
        auto placed = placed_.find(relative);
        if (placed == placed_.end()) {
            result.status = FileResult::Status::Skipped;
            const bool is_template = from_.classify(relative).role == SiteFile::Role::Template;
            result.reason = is_template ? "template" : "not site content";
            result.message = display_of(relative) + ": " +
                             (is_template ? "a template (layout, include, shortcode): not converted"
                                          : "not part of the site's content: not converted");
            return outcome;
        }
        try {
            write_or_keep(outcome, {OutputFile{placed->second, read_input_file(input_ / relative)}});
            result.output = placed->second;
            result.status = FileResult::Status::Copied;
        } catch (const std::exception& error) {
            fail(result, error);
        }
        return outcome;
    }

    void copy_others() {
        auto others = others_.read();
        auto next_copied = [&]() -> std::optional<std::string> {
            for (;;) {
                std::optional<std::string> relative = next_string(others);
                if (!relative || (!is_record_file(*relative) && std::find(config_files_.begin(), config_files_.end(),
                                                                          *relative) == config_files_.end()))
                    return relative;
            }
        };
        run_items_in_order<Outcome, std::string>(
            next_copied, options_.jobs, [&](std::size_t, std::string& relative) { return copy_one(relative); },
            [&](std::size_t, Outcome& outcome) {
                if (outcome.result.status == FileResult::Status::Copied)
                    record_.files.emplace_back(outcome.result.output, outcome.result.input);
                take_outcome(outcome);
            });
    }

    void write_templates() {
        std::vector<std::pair<std::string, std::optional<std::string>>> used;
        for (const auto& name : used_templates_) used.emplace_back(name, from_.read_template(input_, name));
        for (const auto& file : to_.write_templates(used, from_.name(), site_warnings_))
            write_generated(file.path, file.bytes);
    }

    void write_layouts() {
        for (const auto& file : to_.write_layouts())
            if (!output_.exists(file.path)) write_generated(file.path, file.bytes);
    }

    void write_generated(const std::string& path, const std::string& bytes) {
        if (is_safe_relative_path(path)) output_.write(path, bytes);
    }

    const fs::path& input_;
    SiteSink& output_;
    const SiteOptions& options_;
    const std::function<void(const FileResult&)>& on_file_;
    const Platform& from_;
    const Platform& to_;

    ConvertRequest request_;
    SortedPaths documents_;
    SortedPaths others_;
    std::vector<std::string> config_files_;
    ClaimedOutputs claimed_;
    // Articles converted in the second pass, and the paths they claimed in the first.
    struct DeferredArticle {
        std::string input;
        std::string output;
    };
    std::vector<DeferredArticle> deferred_;
    std::map<std::string, std::string, std::less<>> placed_;  // source path -> target path
    std::optional<SiteRecord> restoring_;
    RecordIndex records_;                       // the input's
    std::optional<RecordsWriter> records_out_;  // the output's, from the first record on
    std::optional<SiteConfig> source_config_;  // the input's config, for the articles' URLs
    SiteRecord record_{std::string(from_.name()), {}, {}};
    SiteIndex index_;
    SiteIndex index_back_;
    std::set<std::string> used_templates_;
    Warnings site_warnings_;  // about the site as a whole (templates that need porting)
};

}  // namespace

Warnings convert_site(const fs::path& input_root, SiteSink& output, const SiteOptions& options,
                      const std::function<void(const FileResult&)>& on_file) {
    return SiteConversion(input_root, output, options, on_file).run();
}

Warnings convert_site(const fs::path& input_root, const fs::path& output_root, const SiteOptions& options,
                      const std::function<void(const FileResult&)>& on_file) {
    FolderSink output(output_root);
    return convert_site(input_root, output, options, on_file);
}

}  // namespace postport
