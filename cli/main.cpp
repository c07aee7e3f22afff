// postport: the command-line tool.
//   postport convert --from FORMAT --to FORMAT [options] INPUT OUTPUT
//   postport formats | --help | --version
#include <boost/program_options.hpp>

#include <unistd.h>

#include <cstdlib>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <system_error>
#include <vector>

#include "cli/batch.h"
#include "core/convert.h"
#include "core/parallel.h"
#include "core/platform.h"
#include "core/records.h"
#include "core/site.h"

namespace fs = std::filesystem;
namespace po = boost::program_options;
using namespace postport;

namespace {

// Exit codes, documented in the README.
enum ExitCode : int {
    exit_ok = 0,
    exit_input_failed = 1,  // some inputs could not be converted; the others were
    exit_usage = 2,
    exit_strict_warnings = 3,  // --strict and there were warnings
    exit_output_failed = 4,    // the output could not be written
    exit_verify_differs = 5,   // --verify: a conversion does not come back identical
};

constexpr const char* usage_text =
    "Usage:\n"
    "  postport convert --from FORMAT --to FORMAT [options] INPUT OUTPUT\n"
    "  postport formats\n"
    "  postport --help | --version\n"
    "\n"
    "INPUT is a post file, a site directory, a JSON site or Ghost export (--from json|ghost),\n"
    "or - (standard input).\n"
    "OUTPUT is a directory, a file for --to json|ghost (a site packed into one file), or -\n"
    "(standard output: one post, or a packed site).\n";

struct Options {
    std::string from;
    std::string to;
    std::string input;
    std::string output;
    std::string front_matter;
    bool no_record = false;
    bool strict = false;
    bool force = false;
    bool quiet = false;
    bool dry_run = false;
    bool verify = false;
    unsigned jobs = 0;  // 0: every core
    std::string report;
};

// The options `--help` shows; INPUT and OUTPUT are added as positionals.
po::options_description convert_options(Options& options) {
    po::options_description description("Options of convert");
    description.add_options()
        ("from", po::value(&options.from)->required()->value_name("FORMAT"),
         "source format (see `postport formats`)")
        ("to", po::value(&options.to)->required()->value_name("FORMAT"), "target format")
        ("front-matter", po::value(&options.front_matter)->value_name("FMT"),
         "toml, yaml or json, where the target has a choice (Hugo; default yaml)")
        ("no-record", po::bool_switch(&options.no_record),
         "keep no round-trip record (no .postport/records.ndjson, no `postport` key on standard output)")
        ("strict", po::bool_switch(&options.strict),
         "warnings are errors: a file whose conversion warns is not written (exit 3)")
        ("force", po::bool_switch(&options.force),
         "write into an OUTPUT directory that is not empty, or replace an existing file")
        ("jobs,j", po::value(&options.jobs)->value_name("N"),
         "files converted at once (default: every core); the output is the same for any N")
        ("dry-run,n", po::bool_switch(&options.dry_run),
         "convert everything, report what would be written, write nothing")
        ("verify", po::bool_switch(&options.verify),
         "convert each article back and compare it with its source; differences are errors (exit 5)")
        ("report", po::value(&options.report)->value_name("FILE"),
         "write a JSON report: one entry per input file (status, output, warnings) and the totals")
        ("quiet,q", po::bool_switch(&options.quiet), "print errors only (no warnings, no progress)");
    return description;
}

void print_help() {
    Options unused;
    std::cout << "postport " << POSTPORT_VERSION
              << ": converts blog posts between Hugo, Jekyll, JSON and Ghost, losing nothing.\n\n"
              << usage_text << "\n"
              << convert_options(unused)
              << "\nExit codes: 0 ok, 1 some inputs failed, 2 usage error, 3 warnings with --strict,\n"
                 "4 output could not be written, 5 --verify found a difference.\n";
}

std::optional<FrontMatterFormat> parse_format(const std::string& name) {
    if (name.empty()) return FrontMatterFormat::None;
    for (auto format : {FrontMatterFormat::Toml, FrontMatterFormat::Yaml, FrontMatterFormat::Json})
        if (format_name(format) == name) return format;
    return std::nullopt;
}

void print_warnings(const std::vector<Warning>& warnings, bool quiet) {
    if (quiet) return;
    for (const auto& warning : warnings) std::cerr << format_warning(warning) << '\n';
}

// The site root above a single input file, and the file's path from there.
std::pair<fs::path, std::string> locate_in_site(const Platform& platform, const fs::path& file) {
    fs::path absolute = fs::absolute(file).lexically_normal();
    for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (platform.is_site_root(dir)) return {dir, absolute.lexically_relative(dir).generic_string()};
        if (dir == dir.root_path()) break;
    }
    return {absolute.parent_path(), absolute.filename().string()};
}

bool directory_has_entries(const fs::path& directory) {
    std::error_code error;
    return fs::is_directory(directory, error) && !fs::is_empty(directory, error);
}

// A folder under the system's temporary directory, removed with its contents.
class TemporaryFolder {
public:
    TemporaryFolder() {
        std::string pattern = (fs::temp_directory_path() / "postport-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::system_error(errno, std::generic_category(), "cannot create a temporary folder");
        path_ = pattern;
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    ~TemporaryFolder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

int convert_one(const Options& options, const ConvertRequest& base, std::optional<std::string> input_text) {
    ConvertRequest request = base;
    const bool to_stdout = options.output == "-";
    request.placement = options.no_record ? RecordPlacement::None
                        : to_stdout       ? RecordPlacement::Embedded
                                          : RecordPlacement::Folder;
    std::string bytes;
    std::string relative;
    std::string display;
    std::optional<RoundTripRecord> record;
    Warnings warnings;
    if (options.input == "-") {
        bytes = input_text ? std::move(*input_text) : read_rest(std::cin);
        display = "<stdin>";
    } else {
        auto [root, path] = locate_in_site(*request.from, options.input);
        relative = path;
        display = options.input;
        record = RecordIndex(root, warnings).find(relative, warnings);
        try {
            bytes = input_text ? std::move(*input_text) : read_file(options.input);
        } catch (const std::exception& error) {
            std::cerr << options.input << ": error: " << error.what() << '\n';
            return exit_input_failed;
        }
    }
    Converted converted;
    try {
        converted = convert_document(request, bytes, relative, display, record, warnings);
    } catch (const std::exception& error) {
        print_warnings(warnings.all(), options.quiet);
        std::cerr << error.what() << '\n';
        return exit_input_failed;
    }
    print_warnings(warnings.all(), options.quiet);
    if (options.strict && !warnings.empty()) {
        std::cerr << display << ": error: not written: --strict and the conversion has warnings\n";
        return exit_strict_warnings;
    }
    if (options.verify && !converted.restored) {
        if (auto difference = verify_conversion(request, bytes, relative, display, converted)) {
            std::cerr << display << ": error: --verify: " << *difference << '\n';
            return exit_verify_differs;
        }
    }
    if (options.dry_run) {
        if (!options.quiet)
            std::cerr << "postport: " << display << " -> "
                      << (to_stdout ? std::string("-") : (fs::path(options.output) / converted.path).string())
                      << " (dry run: nothing written)\n";
        return exit_ok;
    }
    try {
        if (to_stdout) {
            std::cout.write(converted.bytes.data(), static_cast<std::streamsize>(converted.bytes.size()));
            std::cout.flush();
            if (!std::cout) throw std::runtime_error("cannot write to standard output");
        } else {
            if (!is_safe_relative_path(converted.path))
                throw std::runtime_error("refusing to write outside the output folder: '" + converted.path + "'");
            const fs::path target = fs::path(options.output) / converted.path;
            if (fs::exists(target) && !options.force)
                throw std::runtime_error(target.string() + " exists; pass --force to replace it");
            write_file_atomically(fs::path(options.output) / converted.path, converted.bytes);
            if (converted.record) {
                RecordsWriter records(options.output);
                records.add(converted.path, record_json(*converted.record));
                records.commit();
            }
            if (!options.quiet)
                std::cerr << "postport: " << display << " -> "
                          << (fs::path(options.output) / converted.path).string() << '\n';
        }
    } catch (const std::exception& error) {
        std::cerr << "postport: error: " << error.what() << '\n';
        return exit_output_failed;
    }
    return exit_ok;
}

// Where a site conversion writes: OUTPUT as a folder, or, when the target
// packs sites into one file, that file (or standard output).
class SiteOutput {
public:
    // Prints the reason and returns nullopt when OUTPUT cannot be used.
    static std::optional<int> refuse(const Options& options, const Platform& to) {
        std::error_code error;
        if (to.archive()) {
            if (options.output == "-") return std::nullopt;
            if (fs::is_directory(options.output, error)) {
                std::cerr << "postport: error: " << options.output << " is a directory; " << to.name()
                          << " writes a site as one file (or - for standard output)\n";
                return exit_output_failed;
            }
            if (fs::exists(options.output, error) && !options.force) {
                std::cerr << "postport: error: " << options.output << " exists; pass --force to replace it\n";
                return exit_output_failed;
            }
            return std::nullopt;
        }
        if (options.output == "-") {
            std::cerr << "postport: error: a site converts into a directory, not to standard output\n";
            return exit_usage;
        }
        if (fs::exists(options.output, error) && !fs::is_directory(options.output, error)) {
            std::cerr << "postport: error: " << options.output << " exists and is not a directory\n";
            return exit_output_failed;
        }
        if (directory_has_entries(options.output) && !options.force) {
            std::cerr << "postport: error: " << options.output
                      << " is not empty; choose an empty folder or pass --force\n";
            return exit_output_failed;
        }
        return std::nullopt;
    }

    SiteOutput(const Options& options, const Platform& to) {
        if (!to.archive()) {
            // A new (or empty) OUTPUT appears whole once converted; into a
            // folder that has files (--force), each file goes in on its own.
            sink_ = std::make_unique<FolderSink>(options.output, directory_has_entries(options.output)
                                                                     ? FolderSink::Build::FileByFile
                                                                     : FolderSink::Build::WholeFolder);
        } else if (options.output == "-") {
            sink_ = to.archive()->packer(std::cout, options.output);
            to_stdout_ = true;
        } else {
            file_.emplace(options.output);
            sink_ = to.archive()->packer(file_->stream(), fs::path(options.output).filename().string());
        }
    }
    [[nodiscard]] SiteSink& sink() { return *sink_; }
    // The archive file is renamed into place only once complete. Throws.
    void commit() {
        if (file_) file_->commit();
        if (to_stdout_ && !std::cout.flush()) throw std::runtime_error("cannot write to standard output");
    }

private:
    std::optional<AtomicFile> file_;
    std::unique_ptr<SiteSink> sink_;
    bool to_stdout_ = false;
};

// Whether one of two folders is inside the other (or they are the same).
bool nested(const fs::path& a, const fs::path& b) {
    std::error_code error;
    const std::string x = fs::weakly_canonical(fs::absolute(a), error).generic_string() + "/";
    const std::string y = fs::weakly_canonical(fs::absolute(b), error).generic_string() + "/";
    return x.starts_with(y) || y.starts_with(x);
}

int convert_tree(const Options& options, const ConvertRequest& request, const fs::path& input,
                 const std::string& input_name) {
    if (options.output != "-" && nested(input, options.output)) {
        std::cerr << "postport: error: " << options.output << " and " << (input_name.empty() ? options.input : input_name)
                  << " overlap; the output must be outside the input (which is never modified)\n";
        return exit_usage;
    }
    if (!options.dry_run)
        if (auto refused = SiteOutput::refuse(options, *request.to)) return *refused;
    SiteOptions site;
    site.input_name = input_name;
    site.request = request;
    // An archive holds no records file: each article carries its record.
    site.request.placement = options.no_record   ? RecordPlacement::None
                             : request.to->archive() ? RecordPlacement::Embedded
                                                     : RecordPlacement::Folder;
    site.strict = options.strict;
    site.verify = options.verify;
    site.jobs = options.jobs == 0 ? default_jobs() : options.jobs;

    cli::BatchSettings settings{options.from, options.to, input_name.empty() ? options.input : input_name,
                                options.output, options.quiet, options.dry_run, options.verify,
                                ::isatty(STDERR_FILENO) == 1, options.report};
    std::optional<cli::BatchReport> report;
    try {
        report.emplace(settings);
    } catch (const std::exception& error) {
        std::cerr << "postport: error: --report: " << error.what() << '\n';
        return exit_output_failed;
    }
    site.on_listed = [&](std::size_t total) {
        // A bar only when there is enough to wait for.
        if (total >= 200) report->listed(total);
    };
    Warnings site_warnings;
    std::optional<std::string> failure;
    try {
        if (options.dry_run) {
            DiscardingSink discard;
            site_warnings = convert_site(input, discard, site, [&](const FileResult& r) { report->file(r); });
        } else {
            SiteOutput output(options, *request.to);
            site_warnings = convert_site(input, output.sink(), site, [&](const FileResult& r) { report->file(r); });
            output.commit();
        }
    } catch (const std::exception& error) {
        // Articles are written one by one; this is the site's own files (config, templates, the archive).
        failure = error.what();
    }
    try {
        report->finish(site_warnings, failure);
    } catch (const std::exception& error) {
        std::cerr << "postport: error: --report: " << error.what() << '\n';
        return exit_output_failed;
    }
    using Status = FileResult::Status;
    if (failure || report->output_failed()) return exit_output_failed;
    if (report->count(Status::Failed) > 0)
        return options.strict && report->warnings() > 0 ? exit_strict_warnings : exit_input_failed;
    if (report->differences() > 0) return exit_verify_differs;
    if (options.strict && !site_warnings.empty()) return exit_strict_warnings;
    return exit_ok;
}

// An input read once, from its start, after its first bytes were looked
// at (SiteArchive::holds_site): standard input cannot be read twice, and a
// site is not read whole.
class PeekedInput final : public std::streambuf {
public:
    // Reads up to `head_size` bytes of `source` ahead.
    PeekedInput(std::streambuf& source, std::size_t head_size)
        : source_(source), buffer_(std::max(head_size, read_size)) {
        std::size_t filled = 0;
        for (std::streamsize got = 1; filled < head_size && got > 0; filled += static_cast<std::size_t>(got))
            got = std::max<std::streamsize>(
                0, source_.sgetn(buffer_.data() + filled, static_cast<std::streamsize>(head_size - filled)));
        setg(buffer_.data(), buffer_.data(), buffer_.data() + filled);
    }
    // The bytes read ahead; valid until the input is read.
    [[nodiscard]] std::string_view head() const { return {eback(), static_cast<std::size_t>(egptr() - eback())}; }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        const std::streamsize got = source_.sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        if (got <= 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

private:
    static constexpr std::size_t read_size = std::size_t{64} << 10;
    std::streambuf& source_;
    std::vector<char> buffer_;
};

// INPUT is one file of a platform whose sites are one file: a whole site is
// unpacked, as it is read, into a temporary folder and converted from
// there; a single article is converted as one.
int convert_archive(const Options& options, const ConvertRequest& request, const SiteArchive& archive) {
    const std::string display = options.input == "-" ? "<stdin>" : options.input;
    std::filebuf file;
    if (options.input != "-" && !file.open(options.input, std::ios::in | std::ios::binary)) {
        std::cerr << display << ": error: cannot read: " << std::generic_category().message(errno) << '\n';
        return exit_input_failed;
    }
    PeekedInput input(options.input == "-" ? *std::cin.rdbuf() : file, SiteArchive::head_size);
    std::istream in(&input);
    if (!archive.holds_site(input.head()))
        return convert_one(options, request, read_rest(in));
    try {
        TemporaryFolder unpacked;
        {
            Warnings warnings;
            FolderSink sink(unpacked.path());
            try {
                archive.unpack(in, display, sink, warnings);
            } catch (const ParseError& error) {
                print_warnings(warnings.all(), options.quiet);
                std::cerr << error.what() << '\n';
                return exit_input_failed;
            }
            print_warnings(warnings.all(), options.quiet);
        }
        return convert_tree(options, request, unpacked.path(), display);
    } catch (const std::system_error& error) {
        std::cerr << "postport: error: " << error.what() << '\n';
        return exit_output_failed;
    }
}

int run_convert(const std::vector<std::string>& arguments) {
    Options options;
    po::options_description description = convert_options(options);
    description.add_options()
        ("input", po::value(&options.input)->required(), "INPUT")
        ("output", po::value(&options.output)->required(), "OUTPUT");
    po::positional_options_description positional;
    positional.add("input", 1).add("output", 1);
    try {
        po::variables_map values;
        po::store(po::command_line_parser(arguments).options(description).positional(positional).run(),
                  values);
        po::notify(values);
    } catch (const po::error& error) {
        std::cerr << "postport: error: " << error.what() << "\n\n" << usage_text;
        return exit_usage;
    }
    const Registry& registry = builtin_platforms();
    ConvertRequest request;
    request.from = registry.find(options.from);
    request.to = registry.find(options.to);
    for (const auto& [name, platform] : {std::pair{options.from, request.from}, {options.to, request.to}}) {
        if (!platform) {
            std::cerr << "postport: error: unknown format '" << name << "' (see `postport formats`)\n";
            return exit_usage;
        }
    }
    auto front_matter = parse_format(options.front_matter);
    if (!front_matter) {
        std::cerr << "postport: error: --front-matter takes toml, yaml or json\n";
        return exit_usage;
    }
    request.write.front_matter = *front_matter;
    if (options.input != "-") {
        std::error_code error;
        if (!fs::exists(options.input, error)) {
            std::cerr << options.input << ": error: no such file or directory\n";
            return exit_input_failed;
        }
        if (fs::is_directory(options.input, error)) return convert_tree(options, request, options.input, {});
    }
    if (const SiteArchive* archive = request.from->archive()) return convert_archive(options, request, *archive);
    return convert_one(options, request, std::nullopt);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty()) {
        std::cerr << usage_text;
        return exit_usage;
    }
    const std::string& command = arguments.front();
    if (command == "--help" || command == "-h" || command == "help") {
        print_help();
        return exit_ok;
    }
    if (command == "--version") {
        std::cout << "postport " << POSTPORT_VERSION << '\n';
        return exit_ok;
    }
    if (command == "formats") {
        for (const auto& platform : builtin_platforms().all())
            std::cout << platform->name() << '\t' << platform->description() << '\n';
        return exit_ok;
    }
    if (command == "convert") {
        arguments.erase(arguments.begin());
        return run_convert(arguments);
    }
    std::cerr << "postport: error: unknown command '" << command << "'\n\n" << usage_text;
    return exit_usage;
}
