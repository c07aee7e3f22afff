#include "core/site.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "core/text.h"

namespace postport {

namespace fs = std::filesystem;

std::string_view status_name(FileResult::Status status) {
    switch (status) {
        case FileResult::Status::Converted: return "converted";
        case FileResult::Status::Restored: return "restored";
        case FileResult::Status::Failed: return "failed";
        case FileResult::Status::Skipped: return "skipped";
    }
    return "?";
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::system_error(errno, std::generic_category(), "cannot read " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw std::system_error(errno, std::generic_category(), "cannot read " + path.string());
    return std::move(buffer).str();
}

void write_file_atomically(const fs::path& path, std::string_view bytes) {
    fs::create_directories(path.parent_path());
    std::string temporary = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(temporary.data());
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create a file in " + path.parent_path().string());
    auto fail = [&](const std::string& what) {
        int error = errno;
        ::close(fd);
        ::unlink(temporary.c_str());
        throw std::system_error(error, std::generic_category(), what + " " + path.string());
    };
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    // mkstemp creates files 0600; give them the mode a plain write would.
    static const mode_t file_mode = [] {
        mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    if (::fchmod(fd, file_mode) != 0) fail("cannot set the mode of");
    if (::close(fd) != 0) {
        int error = errno;
        ::unlink(temporary.c_str());
        throw std::system_error(error, std::generic_category(), "cannot write " + path.string());
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        int error = errno;
        ::unlink(temporary.c_str());
        throw std::system_error(error, std::generic_category(), "cannot rename into " + path.string());
    }
}

bool is_safe_relative_path(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.find('\0') != std::string_view::npos ||
        path.find('\\') != std::string_view::npos)
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        std::string_view part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = slash + 1;
    }
    return true;
}

namespace {

}  // namespace

std::optional<RoundTripRecord> find_sidecar(const fs::path& input_root, const std::string& relative,
                                            Warnings& warnings) {
    const fs::path sidecar = input_root / sidecar_path(relative);
    std::error_code error;
    if (!fs::is_regular_file(sidecar, error)) return std::nullopt;
    const std::string display = sidecar.string();
    try {
        std::string text = read_file(sidecar);
        if (auto record = RoundTripRecord::from_table(parse_json(text, SourceLocation{display, 1, 1})))
            return record;
    } catch (const std::exception&) {
        // Reported below: the conversion goes on without the record.
    }
    warnings.add(WarningKind::RoundTripRecord, SourceLocation{display, 0, 0},
                 "unreadable round-trip record; converting without it");
    return std::nullopt;
}

namespace {

// A free output path: the natural one, else with -2, -3 ... before the extension.
std::string claim_output_path(std::set<std::string>& taken, const std::string& path) {
    if (taken.insert(path).second) return path;
    auto slash = path.rfind('/');
    auto dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) dot = path.size();
    for (int n = 2;; ++n) {
        std::string candidate = path.substr(0, dot) + "-" + std::to_string(n) + path.substr(dot);
        if (taken.insert(candidate).second) return candidate;
    }
}

}  // namespace

void convert_site(const fs::path& input_root, const fs::path& output_root, const SiteOptions& options,
                  const std::function<void(const FileResult&)>& on_file) {
    std::vector<std::string> documents;
    std::vector<std::string> others;
    options.request.from->list_documents(input_root, documents, others);

    std::set<std::string> taken;
    for (const auto& relative : documents) {
        FileResult result;
        result.input = relative;
        const std::string display = (input_root / relative).string();
        Warnings warnings;
        try {
            std::string bytes = read_file(input_root / relative);
            auto record = find_sidecar(input_root, relative, warnings);
            Converted converted =
                convert_document(options.request, bytes, relative, display, record, warnings);
            if (!is_safe_relative_path(converted.path))
                throw ParseError(SourceLocation{display, 0, 0},
                                 "refusing to write outside the output folder: '" + converted.path + "'");
            std::string output = claim_output_path(taken, converted.path);
            if (output != converted.path)
                warnings.add(WarningKind::PathChanged, SourceLocation{display, 0, 0},
                             "another file already converts to " + converted.path + "; written as " + output);
            result.warnings = warnings.all();
            if (options.strict && !warnings.empty()) {
                result.status = FileResult::Status::Failed;
                result.message = "not written: --strict and the conversion has warnings";
            } else {
                write_file_atomically(output_root / output, converted.bytes);
                if (converted.record)
                    write_file_atomically(output_root / sidecar_path(output),
                                          write_json(converted.record->to_table()));
                result.output = output;
                result.status = converted.restored ? FileResult::Status::Restored
                                                   : FileResult::Status::Converted;
            }
        } catch (const NotAnArticle& error) {
            result.status = FileResult::Status::Skipped;
            result.message = error.what();
            result.warnings = warnings.all();
        } catch (const std::exception& error) {
            result.status = FileResult::Status::Failed;
            result.message = error.what();
            result.warnings = warnings.all();
        }
        on_file(result);
    }
    for (const auto& relative : others) {
        FileResult result;
        result.input = relative;
        result.status = FileResult::Status::Skipped;
        result.message = (input_root / relative).string() + ": not an article; not converted";
        on_file(result);
    }
}

}  // namespace postport
