// Batch conversion people can trust (issue 6): parallel and deterministic,
// atomic under kill -9, accounted for in the summary and the --report file,
// verified with --verify, never writing outside OUTPUT nor touching INPUT.
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <algorithm>
#include <map>
#include <set>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/convert.h"
#include "core/platform.h"
#include "tests/support/support.h"

using namespace postport;
using namespace postport::test;
namespace fs = std::filesystem;

namespace {

using Strings = std::vector<std::string>;

// A Hugo site of `count` posts: TOML front matter of several types, a
// shortcode, and a link from each post to the one before it.
void make_hugo_site(const fs::path& root, int count) {
    write_bytes(root / "hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \"Batch\"\n");
    write_bytes(root / "layouts/shortcodes/note.html", "<aside>{{ .Inner }}</aside>\n");
    for (int i = 0; i < count; ++i) {
        std::string body = "A paragraph of post " + std::to_string(i) + ".\n\n{{< note >}}A *note*.{{< /note >}}\n";
        if (i > 0) body += "\nSee [the one before]({{< ref \"post/p" + std::to_string(i - 1) + ".md\" >}}).\n";
        write_bytes(root / ("content/post/p" + std::to_string(i) + ".md"),
                    "+++\ntitle = \"Post " + std::to_string(i) + "\"\ndate = 2021-0" + std::to_string(i % 9 + 1) +
                        "-11T10:00:00.5+02:00\nweight = " + std::to_string(i) +
                        "\nratio = 1.0\ntags = [\"t" + std::to_string(i % 5) + "\"]\n[params]\nbig = 9223372036854775807\n+++\n" +
                        body);
    }
}

// Every file of a tree with its bytes.
std::map<std::string, std::string> tree_contents(const fs::path& root) {
    std::map<std::string, std::string> contents;
    for (const auto& file : list_tree(root)) contents[file] = read_bytes(root / file);
    return contents;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

nlohmann::json read_report(const fs::path& path) { return nlohmann::json::parse(read_bytes(path)); }

// A temporary file postport was writing when it was killed.
bool is_temporary_name(const std::string& path) {
    static const std::regex temporary(R"((^|/)\.[^/]+\.postport-\d+-\d+\.tmp$)");
    return std::regex_search(path, temporary);
}

RunResult convert(const std::string& from, const std::string& to, const fs::path& input, const fs::path& output,
                  Strings options = {}) {
    Strings arguments = {"convert", "--from", from, "--to", to};
    arguments.insert(arguments.end(), options.begin(), options.end());
    arguments.push_back(input.string());
    arguments.push_back(output.string());
    return run_postport(arguments);
}

}  // namespace

TEST(Batch, OutputIsTheSameWhateverTheNumberOfJobs) {
    TempDir generated;
    make_hugo_site(generated.path(), 300);
    const std::vector<std::tuple<std::string, std::string, fs::path>> cases = {
        {"hugo", "jekyll", samples_dir() / "hugo"},
        {"jekyll", "hugo", samples_dir() / "jekyll"},
        {"hugo", "jekyll", generated.path()},
    };
    for (const auto& [from, to, input] : cases) {
        SCOPED_TRACE(from + " -> " + to + " " + input.string());
        TempDir one;
        TempDir four;
        RunResult a = convert(from, to, input, one.path() / "out", {"--jobs", "1", "-q"});
        RunResult b = convert(from, to, input, four.path() / "out", {"--jobs", "4", "-q"});
        EXPECT_EQ(a.exit_code, 0) << a.err;
        EXPECT_EQ(b.exit_code, 0) << b.err;
        auto sequential = tree_contents(one.path() / "out");
        EXPECT_GT(sequential.size(), 10u);
        EXPECT_TRUE(sequential == tree_contents(four.path() / "out"));
    }
}

TEST(Batch, ReportHasOneEntryPerInputAndTheCountsAddUp) {
    TempDir work;
    const fs::path site = work.path() / "site";
    copy_tree(samples_dir() / "hugo", site);
    write_bytes(site / "content/post/broken.md", "+++\ntitle = \"Broken\"\ndate = \n+++\nBody\n");
    RunResult r = convert("hugo", "jekyll", site, work.path() / "out", {"--report", (work.path() / "r.json").string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // one input failed, the rest converted
    nlohmann::json report = read_report(work.path() / "r.json");

    const auto& files = report["files"];
    const auto& summary = report["summary"];
    EXPECT_EQ(files.size(), summary["found"].get<std::size_t>());
    std::size_t by_status = 0;
    for (const char* status : {"converted", "restored", "copied", "failed", "skipped"})
        by_status += summary[status].get<std::size_t>();
    EXPECT_EQ(by_status, files.size());

    // Every file of the input is in the report, once.
    std::set<std::string> inputs;
    for (const auto& entry : files) EXPECT_TRUE(inputs.insert(entry["input"].get<std::string>()).second);
    for (const auto& file : list_tree(site)) EXPECT_TRUE(inputs.contains(file)) << file;

    std::size_t failed = 0;
    std::size_t warnings = 0;
    for (const auto& entry : files) {
        const std::string status = entry["status"];
        if (status == "failed") {
            ++failed;
            EXPECT_EQ(entry["input"], "content/post/broken.md");
            EXPECT_NE(entry["message"].get<std::string>().find("broken.md:3:"), std::string::npos) << entry;
            EXPECT_EQ(entry["output"], "");
        }
        if (status == "converted" && entry["input"].get<std::string>().starts_with("content/")) {
            EXPECT_TRUE(fs::exists(work.path() / "out" / entry["output"].get<std::string>())) << entry;
        }
        if (status == "skipped") {
            EXPECT_FALSE(entry["reason"].get<std::string>().empty()) << entry;
        }
        for (const auto& warning : entry["warnings"]) {
            ++warnings;
            EXPECT_FALSE(warning["kind"].get<std::string>().empty());
            EXPECT_FALSE(warning["message"].get<std::string>().empty());
        }
    }
    EXPECT_EQ(failed, 1u);
    EXPECT_EQ(warnings + report["site_warnings"].size(), summary["warnings"].get<std::size_t>());
    // The summary line says the same.
    EXPECT_NE(r.err.find("postport: " + std::to_string(files.size()) + " files: " +
                         std::to_string(summary["converted"].get<std::size_t>()) + " converted"),
              std::string::npos)
        << r.err;
}

TEST(Batch, VerifyFindsAConversionThatDoesNotComeBack) {
    const Registry& registry = builtin_platforms();
    ConvertRequest request;
    request.from = registry.find("hugo");
    request.to = registry.find("jekyll");
    const std::string source = "+++\ntitle = \"Exact\"\nweight = 3\nratio = 1.0\n+++\nBody line.\n";
    Warnings warnings;
    Converted converted = convert_document(request, source, "content/post/x.md", "x.md", std::nullopt, warnings);
    EXPECT_EQ(verify_conversion(request, source, "content/post/x.md", "x.md", converted), std::nullopt);

    Converted corrupted = converted;
    corrupted.bytes = replace_all(corrupted.bytes, "weight: 3", "weight: 4");
    ASSERT_NE(corrupted.bytes, converted.bytes);
    auto difference = verify_conversion(request, source, "content/post/x.md", "x.md", corrupted);
    ASSERT_TRUE(difference.has_value());
    EXPECT_NE(difference->find("'weight'"), std::string::npos) << *difference;

    Converted body_corrupted = converted;
    body_corrupted.bytes = replace_all(body_corrupted.bytes, "Body line.", "Body lime.");
    difference = verify_conversion(request, source, "content/post/x.md", "x.md", body_corrupted);
    ASSERT_TRUE(difference.has_value());
    EXPECT_NE(difference->find("body"), std::string::npos) << *difference;
}

TEST(Batch, VerifyOnTheCommandLine) {
    // With records, the samples come back exactly.
    for (const auto& [from, to] : {std::pair{"hugo", "jekyll"}, {"jekyll", "hugo"}}) {
        TempDir out;
        RunResult r = convert(from, to, samples_dir() / from, out.path() / "o",
                              {"--verify", "--report", (out.path() / "r.json").string()});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        nlohmann::json report = read_report(out.path() / "r.json");
        EXPECT_GT(report["summary"]["verified"].get<std::size_t>(), 5u);
        EXPECT_EQ(report["summary"]["differ"], 0);
    }
    // Without a record, a TOML local time becomes a YAML string: --verify says so, exit 5.
    TempDir work;
    write_bytes(work.path() / "site/hugo.toml", "title = \"T\"\n");
    write_bytes(work.path() / "site/content/post/t.md", "+++\ntitle = \"T\"\nalarm = 07:32:00\n+++\nBody\n");
    RunResult r = convert("hugo", "jekyll", work.path() / "site", work.path() / "out",
                          {"--verify", "--no-record", "--report", (work.path() / "r.json").string()});
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("'alarm'"), std::string::npos) << r.err;
    nlohmann::json report = read_report(work.path() / "r.json");
    EXPECT_EQ(report["summary"]["differ"], 1);
    bool found = false;
    for (const auto& entry : report["files"])
        if (entry["input"] == "content/post/t.md") {
            found = true;
            EXPECT_EQ(entry["verified"], "differs");
            EXPECT_NE(entry["difference"].get<std::string>().find("alarm"), std::string::npos);
        }
    EXPECT_TRUE(found);
}

TEST(Batch, DryRunWritesNothingAndCountsTheSame) {
    TempDir work;
    RunResult dry = convert("hugo", "jekyll", samples_dir() / "hugo", work.path() / "out", {"--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_FALSE(fs::exists(work.path() / "out"));
    EXPECT_NE(dry.err.find("dry run"), std::string::npos);
    RunResult real = convert("hugo", "jekyll", samples_dir() / "hugo", work.path() / "out");
    auto summary = [](const std::string& err) {
        std::smatch m;
        static const std::regex line(R"(postport: (\d+) files(?: \(dry run: nothing written\))?: (.*))");
        return std::regex_search(err, m, line) ? m[1].str() + m[2].str() : std::string("none");
    };
    EXPECT_EQ(summary(dry.err), summary(real.err));
}

namespace {

// Starts a conversion of `site` into `output` and kills it (kill -9) once
// `started()` says it has written some posts.
void convert_and_kill(const fs::path& site, const fs::path& output, const Strings& options,
                      const std::function<bool()>& started) {
    const std::string exe = executable().string();
    std::vector<std::string> arguments = {exe, "convert", "--from", "hugo", "--to", "jekyll"};
    arguments.insert(arguments.end(), options.begin(), options.end());
    arguments.push_back(site.string());
    arguments.push_back(output.string());
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDERR_FILENO);
        ::execv(exe.c_str(), argv.data());
        ::_exit(127);
    }
    for (int i = 0; i < 2000 && !started(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "finished before it could be killed; make the site bigger";
}

// The hidden folder a conversion builds a new OUTPUT in, if there is one.
std::optional<fs::path> building_folder_of(const fs::path& output) {
    const std::string prefix = "." + output.filename().string() + ".postport-";
    for (const auto& entry : fs::directory_iterator(output.parent_path()))
        if (entry.path().filename().string().starts_with(prefix)) return entry.path();
    return std::nullopt;
}

}  // namespace

TEST(Batch, KillLeavesNoHalfConvertedNewFolder) {
    TempDir work;
    const fs::path site = work.path() / "site";
    make_hugo_site(site, 3000);
    const fs::path killed = work.path() / "killed";
    ASSERT_NO_FATAL_FAILURE(convert_and_kill(site, killed, {}, [&] {
        auto building = building_folder_of(killed);
        return building && fs::exists(*building / "_posts/post");
    }));
    // The new folder appears only complete; what was written is in the hidden one.
    EXPECT_FALSE(fs::exists(killed));
    ASSERT_TRUE(building_folder_of(killed));
    EXPECT_FALSE(list_tree(*building_folder_of(killed)).empty());
}

TEST(Batch, KillLeavesOnlyCompleteFilesInAnExistingFolder) {
    TempDir work;
    const fs::path site = work.path() / "site";
    make_hugo_site(site, 3000);
    // The complete conversion, to compare what a killed one left with.
    RunResult full = convert("hugo", "jekyll", site, work.path() / "full", {"-q"});
    ASSERT_EQ(full.exit_code, 0) << full.err;
    auto complete = tree_contents(work.path() / "full");

    // Into a folder that has files, each file goes in on its own.
    const fs::path killed = work.path() / "killed";
    write_bytes(killed / "notes.txt", "mine\n");
    complete["notes.txt"] = "mine\n";
    ASSERT_NO_FATAL_FAILURE(
        convert_and_kill(site, killed, {"--force"}, [&] { return fs::exists(killed / "_posts/post"); }));

    std::size_t kept = 0;
    for (const auto& file : list_tree(killed)) {
        if (is_temporary_name(file)) continue;  // hidden, and never under a real name
        auto expected = complete.find(file);
        ASSERT_NE(expected, complete.end()) << file;
        EXPECT_EQ(read_bytes(killed / file), expected->second) << file << " is not complete";
        ++kept;
    }
    EXPECT_GT(kept, 1u);
    EXPECT_LT(kept, complete.size());
}

TEST(Batch, NothingIsWrittenOutsideOutputNorReadThroughLinks) {
    TempDir work;
    const fs::path site = work.path() / "site";
    const fs::path outside = work.path() / "outside";
    copy_tree(samples_dir() / "hugo", site);
    write_bytes(outside / "secret.md", "+++\ntitle = \"Secret\"\n+++\nNot part of the site.\n");
    write_bytes(outside / "folder/other.md", "+++\ntitle = \"Other\"\n+++\nNot part of the site either.\n");
    fs::create_symlink(outside / "secret.md", site / "content/post/linked.md");
    fs::create_directory_symlink(outside / "folder", site / "content/linked-folder");
    fs::create_symlink(outside / "secret.md", site / "static/secret.txt");
    ASSERT_EQ(::mkfifo((site / "content/post/pipe.md").c_str(), 0644), 0);
    // Front matter that would put the output elsewhere.
    write_bytes(site / "content/post/escape.md", "+++\ntitle = \"Escape\"\nslug = \"../../../../escaped\"\n+++\nBody\n");
    const auto outside_before = tree_contents(outside);
    const auto work_before = list_tree(work.path());

    RunResult r = convert("hugo", "jekyll", site, work.path() / "out", {"--report", (work.path() / "r.json").string()});
    EXPECT_NE(r.exit_code, 4) << r.err;
    EXPECT_EQ(tree_contents(outside), outside_before);
    // Nothing new beside the output folder (and the report).
    for (const auto& file : list_tree(work.path())) {
        if (file.starts_with("out/") || file == "r.json") continue;
        EXPECT_TRUE(std::find(work_before.begin(), work_before.end(), file) != work_before.end()) << file;
    }
    for (const auto& [file, bytes] : tree_contents(work.path() / "out")) {
        EXPECT_EQ(bytes.find("Not part of the site"), std::string::npos) << file;
        EXPECT_FALSE(is_temporary_name(file)) << file;
    }
    std::map<std::string, std::string> reasons;
    const nlohmann::json report = read_report(work.path() / "r.json");
    for (const auto& entry : report["files"])
        reasons[entry["input"].get<std::string>()] = entry.value("reason", std::string());
    EXPECT_EQ(reasons["content/post/linked.md"], "symbolic link");
    EXPECT_EQ(reasons["content/linked-folder"], "symbolic link");
    EXPECT_EQ(reasons["static/secret.txt"], "symbolic link");
    EXPECT_EQ(reasons["content/post/pipe.md"], "special file");
    EXPECT_TRUE(reasons.contains("content/post/escape.md"));
}

TEST(Batch, TheInputIsNeverModified) {
    TempDir work;
    copy_tree(samples_dir() / "jekyll", work.path() / "site");
    const auto before = tree_contents(work.path() / "site");
    for (int run = 0; run < 2; ++run) {
        RunResult r = convert("jekyll", "hugo", work.path() / "site", work.path() / "out", {"--force", "--verify"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
    }
    RunResult back = convert("hugo", "jekyll", work.path() / "out", work.path() / "back");
    EXPECT_EQ(back.exit_code, 0) << back.err;
    EXPECT_TRUE(tree_contents(work.path() / "site") == before);
}

TEST(Batch, AnOutputInsideTheInputIsRefused) {
    TempDir work;
    copy_tree(samples_dir() / "hugo", work.path() / "site");
    RunResult r = convert("hugo", "jekyll", work.path() / "site", work.path() / "site/out");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(fs::exists(work.path() / "site/out"));
}

TEST(Batch, BigFilesAreConvertedOrRefusedWithAMessage) {
    TempDir work;
    const fs::path site = work.path() / "site";
    write_bytes(site / "hugo.toml", "title = \"Big\"\n");
    std::string body;
    const std::string paragraph = "A paragraph of a very long post, with {{< note >}}a note{{< /note >}}.\n\n";
    while (body.size() < (50u << 20)) body += paragraph;
    write_bytes(site / "content/post/big.md", "+++\ntitle = \"Big\"\n+++\n" + body);
    write_bytes(site / "content/post/small.md", "+++\ntitle = \"Small\"\n+++\nSmall.\n");
    {
        // Past the size postport reads: a sparse file, no disk used.
        const int fd = ::open((site / "content/post/huge.md").c_str(), O_WRONLY | O_CREAT, 0644);
        ASSERT_GE(fd, 0);
        ASSERT_EQ(::ftruncate(fd, static_cast<off_t>(300) << 20), 0);
        ::close(fd);
    }
    RunResult r = convert("hugo", "jekyll", site, work.path() / "out", {"-q"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("huge.md"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("MB"), std::string::npos) << r.err;
    std::string big;
    bool small_converted = false;
    for (const auto& file : list_tree(work.path() / "out")) {
        if (file.starts_with(".postport")) continue;
        if (file.ends_with("big.md")) big = read_bytes(work.path() / "out" / file);
        if (file.ends_with("small.md")) small_converted = true;
    }
    EXPECT_GT(big.size(), 50u << 20);
    EXPECT_NE(big.find("{% include note.html"), std::string::npos);
    EXPECT_TRUE(small_converted);
}

TEST(Batch, ProgressIsDrawnOnlyOnATerminal) {
    TempDir work;
    make_hugo_site(work.path() / "site", 400);
    // Standard error on a pipe: no progress bar.
    RunResult piped = convert("hugo", "jekyll", work.path() / "site", work.path() / "piped");
    EXPECT_EQ(piped.exit_code, 0);
    EXPECT_EQ(piped.err.find("\r["), std::string::npos);

    // Standard error on a terminal: a bar that reaches the end.
    int terminal = -1;
    const std::string exe = executable().string();
    const std::string in = (work.path() / "site").string();
    const std::string out = (work.path() / "tty").string();
    const pid_t pid = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::execl(exe.c_str(), exe.c_str(), "convert", "--from", "hugo", "--to", "jekyll", in.c_str(), out.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    std::string shown;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(terminal, buffer, sizeof buffer);
        if (n <= 0) break;  // EIO once the child has exited
        shown.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(terminal);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << shown;
    EXPECT_NE(shown.find("\r["), std::string::npos) << shown;
    EXPECT_NE(shown.find("] 402/402"), std::string::npos) << shown;
}
