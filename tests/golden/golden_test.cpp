// Golden cases: tests/golden/<case>/ holds `args` (one line of convert
// options, e.g. `--from hugo --to jekyll`), `input/` (a small site) and
// `expected/` (the output tree, .postport/ records included). Each case runs
// the CLI on input/ into a fresh folder and compares the trees byte for byte.
// scripts/accept-golden regenerates expected/ when a change is intended.
// Each case's expected/ is also converted back: it must give input/ again,
// byte for byte, but for the templates and ignored files a conversion does
// not carry.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/site.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

const fs::path golden_root = source_dir() / "tests" / "golden";

std::vector<std::string> golden_cases() {
    std::vector<std::string> cases;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(golden_root, error))
        if (entry.is_directory() && fs::exists(entry.path() / "args")) cases.push_back(entry.path().filename().string());
    std::sort(cases.begin(), cases.end());
    return cases;
}

using Strings = std::vector<std::string>;

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

// Test names may only hold letters, digits and '_'.
std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

class Golden : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST(GoldenCases, ThereAreEnough) { EXPECT_GE(golden_cases().size(), 6u); }

TEST_P(Golden, OutputTreeMatchesExpected) {
    const fs::path folder = golden_root / GetParam();
    const std::string args_text = read_bytes(folder / "args");
    ASSERT_LE(std::count(args_text.begin(), args_text.end(), '\n'), 1) << "args must be one line";
    ASSERT_TRUE(fs::is_directory(folder / "input")) << folder;
    ASSERT_TRUE(fs::is_directory(folder / "expected")) << folder << ": run scripts/accept-golden";

    TempDir out;
    std::vector<std::string> arguments{"convert"};
    for (auto& word : words(args_text)) arguments.push_back(word);
    arguments.push_back((folder / "input").string());
    arguments.push_back((out / "output").string());
    RunResult r = run_postport(arguments);
    EXPECT_EQ(r.exit_code, 0) << r.err;

    const std::vector<std::string> expected = list_tree(folder / "expected");
    const std::vector<std::string> actual = list_tree(out / "output");
    std::string missing;
    std::string extra;
    for (const auto& file : expected)
        if (!std::binary_search(actual.begin(), actual.end(), file)) missing += "\n  " + file;
    for (const auto& file : actual)
        if (!std::binary_search(expected.begin(), expected.end(), file)) extra += "\n  " + file;
    EXPECT_TRUE(missing.empty()) << "files not written:" << missing << "\n" << r.err;
    EXPECT_TRUE(extra.empty()) << "files not expected:" << extra << "\n" << r.err;

    std::string first;
    std::vector<std::string> differing;
    for (const auto& file : expected) {
        if (!std::binary_search(actual.begin(), actual.end(), file)) continue;
        const std::string want = read_bytes(folder / "expected" / file);
        const std::string got = read_bytes(out / "output" / file);
        if (want == got) continue;
        if (first.empty())
            first = "--- expected/" + file + "\n+++ output/" + file + "\n" + first_difference(want, got);
        differing.push_back(file);
    }
    EXPECT_TRUE(differing.empty()) << differing.size() << " file(s) differ; the first:\n"
                                   << first << "all: " << ::testing::PrintToString(differing)
                                   << "\n(scripts/accept-golden regenerates expected/ if the change is intended)";
}

TEST_P(Golden, ExpectedConvertsBackToTheInput) {
    const fs::path folder = golden_root / GetParam();
    ASSERT_TRUE(fs::is_directory(folder / "expected")) << folder << ": run scripts/accept-golden";
    // Only the direction is reversed: the other options are about the way there.
    const std::vector<std::string> args = words(read_bytes(folder / "args"));
    std::string from;
    std::string to;
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "--from") from = args[i + 1];
        if (args[i] == "--to") to = args[i + 1];
    }
    ASSERT_FALSE(from.empty() || to.empty()) << "args must name --from and --to";

    TempDir out;
    // A platform whose site is one file (Ghost) is compared as its unpacked folder.
    const SiteArchive* archive = platform(from).archive();
    const fs::path written = archive ? out / "back.json" : out / "back";
    RunResult r = run_postport({"convert", "--from", to, "--to", from, (folder / "expected").string(),
                                written.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    if (archive) {
        Warnings ignored;
        FolderSink sink(out / "back");
        std::ifstream in(written, std::ios::binary);
        archive->unpack(in, written.string(), sink, ignored);
    }

    const std::vector<std::string> input = list_tree(folder / "input");
    const std::vector<std::string> back = list_tree(out / "back");
    const Strings documents = articles(from, folder / "input");
    for (const auto& file : input) {
        SCOPED_TRACE(file);
        if (!std::binary_search(back.begin(), back.end(), file)) {
            const SiteFile::Role role = platform(from).classify(file).role;
            const bool article = std::find(documents.begin(), documents.end(), file) != documents.end();
            EXPECT_TRUE(!article && (role == SiteFile::Role::Template || role == SiteFile::Role::Ignored))
                << "not given back\n" << r.err;
            continue;
        }
        const std::string want = read_bytes(folder / "input" / file);
        const std::string got = read_bytes(out / "back" / file);
        EXPECT_TRUE(want == got) << first_difference(want, got);
    }
    for (const auto& file : back)
        EXPECT_TRUE(std::binary_search(input.begin(), input.end(), file)) << "not in input/: " << file;
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(golden_cases()), test_name);
