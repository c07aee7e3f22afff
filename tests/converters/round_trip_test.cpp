// Round trips over every sample: a site converted and converted back comes
// back byte for byte; a single post through standard input and output too;
// and an edited conversion comes back with the edit and nothing else changed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/site.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

using Strings = std::vector<std::string>;

const fs::path hugo_site = samples_dir() / "hugo";
const fs::path jekyll_site = samples_dir() / "jekyll";

// Converts a whole tree with the library; returns each input's result.
std::map<std::string, FileResult> convert_tree(std::string_view from, std::string_view to,
                                               const fs::path& input, const fs::path& output) {
    SiteOptions options;
    options.request.from = &platform(from);
    options.request.to = &platform(to);
    options.request.placement = RecordPlacement::Folder;
    std::map<std::string, FileResult> results;
    convert_site(input, output, options, [&](const FileResult& result) { results[result.input] = result; });
    return results;
}

std::string describe_result(const FileResult& result) {
    std::string out = std::string(status_name(result.status)) + " " + result.input + " -> " + result.output;
    if (!result.message.empty()) out += " (" + result.message + ")";
    for (const auto& warning : result.warnings) out += "\n  " + format_warning(warning);
    return out;
}

// What a site conversion reports for `file` of a `platform_name` site:
// articles are converted (restored on the way back), so is the config; files
// the site publishes and data files are copied; templates (layouts,
// includes, shortcodes) and ignored files (.gitignore) are skipped.
FileResult::Status expected_status(std::string_view platform_name, const Strings& documents,
                                   const std::string& file, bool restoring) {
    using Status = FileResult::Status;
    const Status converted = restoring ? Status::Restored : Status::Converted;
    if (std::find(documents.begin(), documents.end(), file) != documents.end()) return converted;
    switch (platform(platform_name).classify(file).role) {
        case SiteFile::Role::Config: return converted;
        case SiteFile::Role::Published:
        case SiteFile::Role::Data: return Status::Copied;
        case SiteFile::Role::Template:
        case SiteFile::Role::Ignored: return Status::Skipped;
    }
    return Status::Failed;
}

// The files of a site that a conversion carries (all but templates and
// ignored files): the ones a round trip must give back byte for byte.
Strings carried_files(std::string_view platform_name, const fs::path& root) {
    const Strings documents = articles(platform_name, root);
    Strings carried;
    for (const auto& file : list_tree(root))
        if (expected_status(platform_name, documents, file, false) != FileResult::Status::Skipped)
            carried.push_back(file);
    return carried;
}

// Checks the status of every result of a site conversion of `root`; every
// input file but the round-trip records must be reported.
void expect_statuses(std::string_view platform_name, const fs::path& root,
                     const std::map<std::string, FileResult>& results, bool restoring) {
    const Strings documents = articles(platform_name, root);
    for (const auto& file : list_tree(root)) {
        if (file.starts_with(".postport/")) continue;
        auto found = results.find(file);
        if (found == results.end()) {
            ADD_FAILURE() << file << " was not reported";
            continue;
        }
        EXPECT_EQ(status_name(found->second.status),
                  status_name(expected_status(platform_name, documents, file, restoring)))
            << describe_result(found->second);
    }
    for (const auto& [input, result] : results)
        EXPECT_TRUE(fs::is_regular_file(root / input)) << "reported, but not in the input: " << describe_result(result);
}


// Replaces the value of the top-level `title:` line of a YAML front matter
// (first `---` block), keeping the line's own line break.
std::string with_title(const std::string& bytes, const std::string& title) {
    std::size_t end_of_block = bytes.find("\n---", 4);
    std::size_t at = bytes.find("\ntitle:");
    if (at == std::string::npos || end_of_block == std::string::npos || at > end_of_block) return {};
    std::size_t value = at + 7;
    std::size_t eol = bytes.find('\n', value);
    if (eol > 0 && bytes[eol - 1] == '\r') --eol;
    return bytes.substr(0, value) + " " + title + bytes.substr(eol);
}

}  // namespace

// --- Whole sites -----------------------------------------------------------

TEST(RoundTrip, HugoSampleSiteThroughJekyllComesBackByteForByte) {
    TempDir jekyll;
    TempDir hugo;
    auto forward = convert_tree("hugo", "jekyll", hugo_site, jekyll.path());
    expect_statuses("hugo", hugo_site, forward, false);
    auto back = convert_tree("jekyll", "hugo", jekyll.path(), hugo.path());
    // The Jekyll site's layouts and includes were made by postport: skipped.
    expect_statuses("jekyll", jekyll.path(), back, true);

    const Strings originals = list_tree(hugo_site / "content");
    ASSERT_FALSE(originals.empty());
    for (const auto& file : originals) {
        SCOPED_TRACE("content/" + file);
        const fs::path restored = hugo / "content" / file;
        ASSERT_TRUE(fs::exists(restored)) << "not restored; Hugo tree has:\n"
                                          << ::testing::PrintToString(list_tree(hugo.path()));
        const std::string expected = read_bytes(hugo_site / "content" / file);
        const std::string actual = read_bytes(restored);
        EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
    }
    // Nothing else appears under content/.
    EXPECT_EQ(list_tree(hugo / "content"), originals);
    // The config, static and data files come back too, and nothing else.
    const Strings carried = carried_files("hugo", hugo_site);
    for (const auto& file : carried) {
        SCOPED_TRACE(file);
        ASSERT_TRUE(fs::exists(hugo / file)) << "not restored";
        const std::string expected = read_bytes(hugo_site / file);
        const std::string actual = read_bytes(hugo / file);
        EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
    }
    EXPECT_EQ(list_tree(hugo.path()), carried);
}

TEST(RoundTrip, JekyllSampleSiteThroughHugoComesBackByteForByte) {
    TempDir hugo;
    TempDir jekyll;
    auto forward = convert_tree("jekyll", "hugo", jekyll_site, hugo.path());
    expect_statuses("jekyll", jekyll_site, forward, false);
    auto back = convert_tree("hugo", "jekyll", hugo.path(), jekyll.path());
    // The Hugo site's layouts and shortcodes were made by postport: skipped.
    expect_statuses("hugo", hugo.path(), back, true);

    const Strings originals = articles("jekyll", jekyll_site);
    ASSERT_GE(originals.size(), 10u);
    for (const auto& file : originals) {
        SCOPED_TRACE(file);
        const fs::path restored = jekyll / file;
        ASSERT_TRUE(fs::exists(restored)) << "not restored; Jekyll tree has:\n"
                                          << ::testing::PrintToString(list_tree(jekyll.path()));
        const std::string expected = read_bytes(jekyll_site / file);
        const std::string actual = read_bytes(restored);
        EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
    }
    EXPECT_EQ(articles("jekyll", jekyll.path()), originals);
    // The config, published and data files come back too, and nothing else.
    const Strings carried = carried_files("jekyll", jekyll_site);
    for (const auto& file : carried) {
        SCOPED_TRACE(file);
        ASSERT_TRUE(fs::exists(jekyll / file)) << "not restored";
        const std::string expected = read_bytes(jekyll_site / file);
        const std::string actual = read_bytes(jekyll / file);
        EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
    }
    EXPECT_EQ(list_tree(jekyll.path()), carried);
}

// --- One post through standard input and output ---------------------------------

TEST(RoundTrip, EveryHugoSamplePostThroughStdinAndStdout) {
    for (const auto& file : articles("hugo", hugo_site)) {
        SCOPED_TRACE(file);
        const std::string original = read_bytes(hugo_site / file);
        RunResult there = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "-", "-"}, original);
        ASSERT_EQ(there.exit_code, 0) << there.err;
        // Jekyll front matter, with the record embedded in it.
        EXPECT_EQ(read_as("jekyll", there.out).format, FrontMatterFormat::Yaml) << there.out;
        EXPECT_NE(there.out.find("\npostport:"), std::string::npos) << there.out;
        RunResult back = run_postport({"convert", "--from", "jekyll", "--to", "hugo", "-", "-"}, there.out);
        ASSERT_EQ(back.exit_code, 0) << back.err;
        EXPECT_TRUE(back.out == original) << first_difference(original, back.out);
    }
}

TEST(RoundTrip, EveryJekyllSamplePostThroughStdinAndStdout) {
    for (const auto& file : articles("jekyll", jekyll_site)) {
        SCOPED_TRACE(file);
        const std::string original = read_bytes(jekyll_site / file);
        RunResult there = run_postport({"convert", "--from", "jekyll", "--to", "hugo", "-", "-"}, original);
        ASSERT_EQ(there.exit_code, 0) << there.err;
        EXPECT_EQ(read_as("hugo", there.out, "content/posts/x.md").format, FrontMatterFormat::Yaml) << there.out;
        RunResult back = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "-", "-"}, there.out);
        ASSERT_EQ(back.exit_code, 0) << back.err;
        EXPECT_TRUE(back.out == original) << first_difference(original, back.out);
    }
}

// --- One file through the CLI, into a folder and back ------------------------------

TEST(RoundTrip, SingleFileIntoAFolderAndBackComesBackByteForByte) {
    // The CLI keeps the record of a single converted file in the output
    // folder's .postport/records.ndjson; the way back must use it, as it
    // does in directory mode.
    TempDir jekyll;
    TempDir hugo;
    const fs::path original = hugo_site / "content/post/toml-front-matter-types.md";
    RunResult there = run_postport({"convert", "--from", "hugo", "--to", "jekyll", original.string(), jekyll.path().string()});
    ASSERT_EQ(there.exit_code, 0) << there.err;
    const std::string converted = "_posts/post/2023-03-14-toml-front-matter-types.md";
    ASSERT_EQ(list_tree(jekyll.path()), (Strings{".postport/records.ndjson", converted}));
    ASSERT_EQ(records_in(jekyll.path()).count(converted), 1U);
    RunResult back = run_postport({"convert", "--from", "jekyll", "--to", "hugo", (jekyll / converted).string(),
                               hugo.path().string()});
    ASSERT_EQ(back.exit_code, 0) << back.err;
    const fs::path restored = hugo / "content/post/toml-front-matter-types.md";
    ASSERT_TRUE(fs::exists(restored)) << ::testing::PrintToString(list_tree(hugo.path()));
    const std::string expected = read_bytes(original);
    const std::string actual = read_bytes(restored);
    EXPECT_TRUE(expected == actual) << first_difference(expected, actual);
}

// --- Edited after conversion ---------------------------------------------------
//
// For every sample with front matter: convert a site holding just that file
// with the CLI, change the title of the converted article, convert back. It
// comes back at its path with the new title and every other key in the
// original order with the original type, and the CLI says the record no
// longer matched.

namespace {

struct Sample {
    std::string from;
    std::string to;
    fs::path site;
    std::string path;  // relative to the site
};

void PrintTo(const Sample& sample, std::ostream* os) { *os << sample.from << " " << sample.path; }

std::vector<Sample> samples_with_front_matter() {
    std::vector<Sample> out;
    for (const auto& file : list_tree(hugo_site / "content")) {
        // Hugo front matter starts with '+', '-' or '{' (after a BOM); the rest is body only.
        std::string head = read_bytes(hugo_site / "content" / file).substr(0, 4);
        if (head.starts_with("\xEF\xBB\xBF")) head.erase(0, 3);
        if (!head.empty() && (head[0] == '+' || head[0] == '-' || head[0] == '{'))
            out.push_back({"hugo", "jekyll", hugo_site, "content/" + file});
    }
    for (const auto& file : articles("jekyll", jekyll_site)) out.push_back({"jekyll", "hugo", jekyll_site, file});
    return out;
}

std::string sample_name(const ::testing::TestParamInfo<Sample>& info) {
    std::string name = info.param.from + "_" + info.param.path;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

// Converts `site` (holding the one file `relative`) there and back through the
// CLI, changing the converted title on the way. Returns the original and the
// restored document as the source platform reads them.
struct EditedTrip {
    Document before;
    Document after;
    RunResult backward;
    std::string converted;  // the edited file, as the CLI names it
};

void edited_trip(const std::string& from, const std::string& to, const fs::path& input_site,
                 const std::string& relative, const std::string& new_title, EditedTrip& trip) {
    TempDir site;
    TempDir there;
    TempDir back;
    write_bytes(site / relative, read_bytes(input_site / relative));
    RunResult forward = run_postport({"convert", "--from", from, "--to", to, site.path().string(), there.path().string()});
    ASSERT_EQ(forward.exit_code, 0) << forward.err;

    // The one record names the converted file and its source.
    const auto records = records_in(there.path());
    ASSERT_EQ(records.size(), 1U) << ::testing::PrintToString(list_tree(there.path()));
    const std::string converted = records.begin()->first;
    EXPECT_EQ(records.begin()->second.source_path, relative);
    ASSERT_FALSE(converted.empty()) << ::testing::PrintToString(list_tree(there.path()));
    ASSERT_TRUE(fs::is_regular_file(there / converted)) << converted;
    std::string bytes = with_title(read_bytes(there / converted), new_title);
    ASSERT_FALSE(bytes.empty()) << "no title line in " << converted;
    write_bytes(there / converted, bytes);

    trip.backward = run_postport({"convert", "--from", to, "--to", from, there.path().string(), back.path().string()});
    EXPECT_EQ(trip.backward.exit_code, 0) << trip.backward.err;
    trip.converted = (there / converted).string();
    ASSERT_TRUE(fs::exists(back / relative)) << ::testing::PrintToString(list_tree(back.path()));
    trip.before = read_as(from, read_bytes(input_site / relative), relative);
    trip.after = read_as(from, read_bytes(back / relative), relative);
}

class EditedRoundTrip : public ::testing::TestWithParam<Sample> {};

}  // namespace

TEST_P(EditedRoundTrip, OnlyTheTitleChanges) {
    const Sample& sample = GetParam();
    const std::string new_title = "A Title Changed After Conversion";
    EditedTrip trip;
    ASSERT_NO_FATAL_FAILURE(edited_trip(sample.from, sample.to, sample.site, sample.path, new_title, trip));

    // The CLI names the edited file and the kind of warning.
    bool warned = false;
    std::istringstream lines(trip.backward.err);
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with(trip.converted + ":") && line.find("[round-trip-record]") != std::string::npos)
            warned = true;
    EXPECT_TRUE(warned) << "no round-trip-record warning for " << trip.converted << " in:\n" << trip.backward.err;

    Document& before = trip.before;
    Document& after = trip.after;
    EXPECT_EQ(after.format, before.format);
    EXPECT_EQ(after.bom, before.bom);
    EXPECT_EQ(after.crlf, before.crlf);
    EXPECT_TRUE(after.body == before.body) << first_difference(before.body, after.body);
    EXPECT_EQ(at(after.front_matter, "title"), Value(new_title)) << describe(after.front_matter);
    // Same keys in the same order: the title keeps its place.
    EXPECT_EQ(keys_of(after.front_matter), keys_of(before.front_matter));
    before.front_matter.erase("title");
    after.front_matter.erase("title");
    EXPECT_TRUE(before.front_matter == after.front_matter)
        << "original: " << describe(before.front_matter) << "\nrestored: " << describe(after.front_matter);
    // Key by key, so that a failure says which value changed.
    for (const auto& entry : before.front_matter) {
        const Value* value = after.front_matter.find(entry.key);
        if (value == nullptr) {
            ADD_FAILURE() << "lost key '" << entry.key << "'";
            continue;
        }
        EXPECT_TRUE(*value == entry.value) << entry.key << ": was " << describe(entry.value) << ", now "
                                           << describe(*value);
    }
}

INSTANTIATE_TEST_SUITE_P(Samples, EditedRoundTrip, ::testing::ValuesIn(samples_with_front_matter()), sample_name);

// Hugo keys are case-insensitive and a string is one term, but an edit of the
// title must not rewrite the other keys' spelling or turn a string into a list.
TEST(RoundTrip, EditedTitleKeepsHugoKeySpellingAndStringTerms) {
    TempDir site;
    write_bytes(site / "content/post/x.md",
                "+++\nTitle = \"Caps\"\nDate = 2021-09-27T10:00:00Z\nTags = \"one tag\"\nDraft = false\n+++\nBody\n");
    EditedTrip trip;
    ASSERT_NO_FATAL_FAILURE(edited_trip("hugo", "jekyll", site.path(), "content/post/x.md", "New", trip));
    EXPECT_EQ(keys_of(trip.after.front_matter), (Strings{"Title", "Date", "Tags", "Draft"}))
        << describe(trip.after.front_matter);
    const Value* tags = trip.after.front_matter.find("Tags");
    if (tags == nullptr) tags = trip.after.front_matter.find("tags");
    ASSERT_NE(tags, nullptr);
    EXPECT_EQ(*tags, Value("one tag")) << describe(*tags);
}

// Jekyll ignores `draft`: an unpublished post edited on the Hugo side must come
// back with `published: false`, or Jekyll publishes it.
TEST(RoundTrip, EditedUnpublishedJekyllPostStaysUnpublished) {
    TempDir site;
    write_bytes(site / "_posts/2022-02-02-secret.md",
                "---\ntitle: Secret\ndate: 2022-02-02 20:00:00 -08:00\npublished: false\n---\nBody\n");
    EditedTrip trip;
    ASSERT_NO_FATAL_FAILURE(edited_trip("jekyll", "hugo", site.path(), "_posts/2022-02-02-secret.md", "Still secret", trip));
    EXPECT_EQ(trip.after.kind, DocumentKind::Draft) << describe(trip.after.front_matter);
    const Value* published = trip.after.front_matter.find("published");
    ASSERT_NE(published, nullptr) << describe(trip.after.front_matter);
    EXPECT_EQ(*published, Value(false));
}
