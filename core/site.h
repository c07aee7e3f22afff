// Converting a whole site tree: every article found, each written atomically
// with its round-trip record, the rest accounted for.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/archive.h"
#include "core/convert.h"
#include "core/files.h"

namespace postport {

struct FileResult {
    enum class Status { Converted, Restored, Copied, Failed, Skipped };
    std::string input;   // relative to the input root
    std::string output;  // relative to the output root; empty if nothing was written
    Status status = Status::Converted;
    std::string reason;   // failed or skipped: why, in a few words ("template", "symbolic link")
    std::string message;  // failed or skipped: the whole message, naming the file
    std::vector<Warning> warnings;
    bool output_failed = false;  // failed because the output could not be written
    // --verify: whether the conversion was checked by converting it back,
    // and what differs from the source if it did not come back identical.
    bool verified = false;
    std::string difference;
};

std::string_view status_name(FileResult::Status status);

struct SiteOptions {
    ConvertRequest request;
    bool strict = false;  // a file with warnings is not written and counts as failed
    // Convert each article back and compare it with its source (FileResult::difference).
    bool verify = false;
    unsigned jobs = 1;  // files converted at once; the output is the same for any number
    // Called once the input is listed, with the number of files on_file will be called for.
    std::function<void(std::size_t)> on_listed;
    // How messages name the input root when it is not what the user named
    // (an archive unpacked into a temporary folder): files show as NAME[PATH].
    std::string input_name;
};

// Converts a whole site under `input_root` into `output_root`: the config,
// every article (with the links between them), the files they use, the
// templates their bodies call and minimal layouts, and (unless the request
// keeps no record) the site record `.postport/site.json` and the articles'
// records `.postport/records.ndjson` (when the sink is a folder); or, when `input_root` was
// written by postport from a `to` site, that site as it was. Calls `on_file`
// once per input file: articles in path order, then the other files.
// Returns the warnings about the site as a whole (generated templates).
Warnings convert_site(const std::filesystem::path& input_root, SiteSink& output, const SiteOptions& options,
                      const std::function<void(const FileResult&)>& on_file);
// The same into the folder `output_root`.
Warnings convert_site(const std::filesystem::path& input_root, const std::filesystem::path& output_root,
                      const SiteOptions& options, const std::function<void(const FileResult&)>& on_file);

}  // namespace postport
