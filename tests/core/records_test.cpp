// A converted folder's records file, .postport/records.ndjson: written by
// RecordsWriter, read back through RecordIndex, merged with an earlier one.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/records.h"
#include "tests/support/convert.h"

using namespace postport;
using namespace postport::test;

namespace {

RoundTripRecord record_from(const std::string& source_path) {
    RoundTripRecord record;
    record.source_platform = "hugo";
    record.source_path = source_path;
    record.source_format = FrontMatterFormat::Toml;
    record.raw_front_matter = "+++\ntitle = \"" + source_path + "\"\n+++\n";
    record.written = "0123456789abcdef";
    record.added_keys = {"permalink"};
    return record;
}

void write_records(const fs::path& root, const std::vector<std::pair<std::string, std::string>>& records) {
    RecordsWriter writer(root);
    for (const auto& [path, source] : records) writer.add(path, record_json(record_from(source)));
    writer.commit();
}

}  // namespace

TEST(Records, EachPathFindsItsOwnRecord) {
    TempDir out;
    // Paths JSON must escape are found as they were written.
    const std::string odd = "_posts/2021-01-01-\"quoted\" \\ caf\xC3\xA9.md";
    write_records(out.path(), {{"_posts/a.md", "content/a.md"}, {odd, "content/odd.md"}, {"about.md", "content/about.md"}});
    Warnings warnings;
    const RecordIndex index(out.path(), warnings);
    EXPECT_TRUE(warnings.empty()) << describe(warnings);
    for (const auto& [path, source] : std::vector<std::pair<std::string, std::string>>{
             {"_posts/a.md", "content/a.md"}, {odd, "content/odd.md"}, {"about.md", "content/about.md"}}) {
        auto record = index.find(path, warnings);
        ASSERT_TRUE(record) << path;
        EXPECT_EQ(record->source_path, source);
        EXPECT_EQ(record->raw_front_matter, record_from(source).raw_front_matter);
        EXPECT_EQ(record->added_keys, record_from(source).added_keys);
    }
    EXPECT_FALSE(index.find("_posts/b.md", warnings));
    EXPECT_FALSE(index.find("_posts", warnings));
    EXPECT_TRUE(warnings.empty()) << describe(warnings);
}

TEST(Records, NoFileMeansNoRecordsAndNothingWrittenWithoutOne) {
    TempDir out;
    Warnings warnings;
    EXPECT_TRUE(RecordIndex(out.path(), warnings).empty());
    RecordsWriter(out.path()).commit();
    EXPECT_TRUE(list_tree(out.path()).empty());
}

TEST(Records, BadLinesAreReportedWithTheirLineAndTheRestIsRead) {
    TempDir out;
    write_records(out.path(), {{"a.md", "content/a.md"}, {"b.md", "content/b.md"}});
    const fs::path file = out / records_file;
    std::string text = read_bytes(file);
    // A line that is no record, a record whose JSON is broken, and a last
    // line cut short (a conversion killed while writing it).
    text = "not json\n" + text + "{\"path\":\"c.md\",\"record\":{\"version\":\n" + "{\"path\":\"d.md\",\"rec";
    write_bytes(file, text);
    Warnings warnings;
    const RecordIndex index(out.path(), warnings);
    ASSERT_EQ(warnings.all().size(), 1U) << describe(warnings);
    EXPECT_EQ(warnings.all()[0].where.line, 1);
    ASSERT_TRUE(index.find("b.md", warnings));
    EXPECT_EQ(index.find("b.md", warnings)->source_path, "content/b.md");
    EXPECT_FALSE(index.find("c.md", warnings));
    ASSERT_EQ(warnings.all().size(), 2U) << describe(warnings);
    EXPECT_EQ(warnings.all()[1].kind, WarningKind::RoundTripRecord);
    EXPECT_EQ(warnings.all()[1].where.path, file.string());
    EXPECT_EQ(warnings.all()[1].where.line, 4);
    EXPECT_FALSE(index.find("d.md", warnings));
}

TEST(Records, AWriterKeepsTheEarlierRecordsOfFilesStillThere) {
    TempDir out;
    write_bytes(out / "a.md", "a");
    write_bytes(out / "b.md", "b");
    // c.md's record is stale: the file is gone.
    write_records(out.path(), {{"a.md", "content/old-a.md"}, {"b.md", "content/b.md"}, {"c.md", "content/c.md"}});
    write_records(out.path(), {{"a.md", "content/new-a.md"}});
    Warnings warnings;
    const RecordIndex index(out.path(), warnings);
    std::vector<std::string> paths;
    index.for_each([&](std::string_view path, std::string_view line) {
        paths.emplace_back(path);
        EXPECT_TRUE(line.ends_with("}\n")) << line;
    });
    EXPECT_EQ(paths, (std::vector<std::string>{"a.md", "b.md"}));
    EXPECT_EQ(index.find("a.md", warnings)->source_path, "content/new-a.md");
    EXPECT_EQ(index.find("b.md", warnings)->source_path, "content/b.md");
    EXPECT_TRUE(warnings.empty()) << describe(warnings);
}

TEST(Records, SingleFilesConvertedIntoOneFolderKeepEachOthersRecords) {
    TempDir site;
    TempDir out;
    const std::string post = "+++\ntitle = \"T\"\ndate = 2021-09-27T10:00:00-07:00\nstamp = 1979-05-27T07:32:00\n+++\nBody\n";
    write_bytes(site / "hugo.toml", "title = \"x\"\n");
    write_bytes(site / "content/post/a.md", post);
    write_bytes(site / "content/post/b.md", post);
    for (const char* name : {"a.md", "b.md"}) {
        RunResult r = run_postport({"convert", "--from", "hugo", "--to", "jekyll", "-q",
                                    (site / "content/post" / name).string(), out.path().string()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const auto records = records_in(out.path());
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(records.at("_posts/post/2021-09-27-a.md").source_path, "content/post/a.md");
    EXPECT_EQ(records.at("_posts/post/2021-09-27-b.md").source_path, "content/post/b.md");
}

namespace {

std::string post_path(int i) { return "_posts/p" + std::to_string(i) + ".md"; }
std::string source_path(int i) { return "content/p" + std::to_string(i) + ".md"; }

// A records file of `count` posts, then a bad line, a second record for
// post 5 and a record whose JSON is broken.
void write_many_records(const fs::path& root, int count) {
    std::vector<std::pair<std::string, std::string>> records;
    for (int i = 0; i < count; ++i) records.emplace_back(post_path(i), source_path(i));
    write_records(root, records);
    TempDir later;
    write_records(later.path(), {{post_path(5), "content/later.md"}});
    const fs::path file = root / records_file;
    write_bytes(file, read_bytes(file) + "not json\n" + read_bytes(later / records_file) +
                          "{\"path\":\"broken.md\",\"record\":{\"version\":\n");
}

}  // namespace

// A limit of 16 entries in memory: the index is merged from some 200 runs
// in a temporary file.
TEST(RecordIndex, PastItsLimitInMemoryFindsWhatAnIndexInMemoryFinds) {
    TempDir out;
    constexpr int count = 3000;
    write_many_records(out.path(), count);
    Warnings in_memory_warnings;
    const RecordIndex in_memory(out.path(), in_memory_warnings);
    Warnings warnings;
    const RecordIndex in_file(out.path(), warnings, 16);
    EXPECT_FALSE(in_file.empty());
    ASSERT_EQ(warnings.all().size(), 1U) << describe(warnings);
    EXPECT_EQ(warnings.all()[0].where.line, count + 1);
    EXPECT_EQ(describe(warnings), describe(in_memory_warnings));

    for (int i = 0; i < count; ++i) {
        auto record = in_file.find(post_path(i), warnings);
        ASSERT_TRUE(record) << i;
        EXPECT_EQ(record->source_path, i == 5 ? "content/later.md" : source_path(i));  // the later record wins
        EXPECT_EQ(record->raw_front_matter, record_from(record->source_path).raw_front_matter);
    }
    for (int i = count; i < count + 1000; ++i) ASSERT_FALSE(in_file.find(post_path(i), warnings)) << i;
    EXPECT_FALSE(in_file.find("", warnings));
    EXPECT_EQ(warnings.all().size(), 1U) << describe(warnings);

    // The broken record is reported as by an index in memory.
    EXPECT_FALSE(in_file.find("broken.md", warnings));
    EXPECT_FALSE(in_memory.find("broken.md", in_memory_warnings));
    ASSERT_EQ(warnings.all().size(), 2U) << describe(warnings);
    EXPECT_EQ(warnings.all()[1].where.line, count + 3);
    EXPECT_EQ(describe(warnings), describe(in_memory_warnings));

    std::size_t visited = 0;
    in_file.for_each([&](std::string_view, std::string_view) { ++visited; });
    EXPECT_EQ(visited, static_cast<std::size_t>(count + 2));  // the broken record's line names its path
}

TEST(RecordIndex, PastItsLimitInMemoryAnswersSeveralThreadsAtOnce) {
    TempDir out;
    constexpr int count = 2000;
    write_many_records(out.path(), count);
    Warnings warnings;
    const RecordIndex index(out.path(), warnings, 100);
    std::atomic<int> wrong = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            Warnings own;
            // Each thread its own order, so that lookups interleave.
            for (int k = 0; k < count; ++k) {
                const int i = (k * 7 + t * 501) % count;
                auto record = index.find(post_path(i), own);
                if (!record || record->source_path != (i == 5 ? "content/later.md" : source_path(i))) ++wrong;
                if (index.find(post_path(count + i), own)) ++wrong;
            }
            if (!own.empty()) ++wrong;
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(wrong, 0);
}

TEST(RecordIndex, MovesWithItsTemporaryFile) {
    TempDir out;
    write_many_records(out.path(), 100);
    Warnings warnings;
    RecordIndex index(out.path(), warnings, 8);
    RecordIndex moved(std::move(index));
    EXPECT_TRUE(index.empty());  // a moved-from index holds nothing
    EXPECT_FALSE(index.find(post_path(1), warnings));
    ASSERT_TRUE(moved.find(post_path(99), warnings));
    EXPECT_EQ(moved.find(post_path(99), warnings)->source_path, source_path(99));
    index = std::move(moved);
    ASSERT_TRUE(index.find(post_path(1), warnings));
    EXPECT_EQ(index.find(post_path(1), warnings)->source_path, source_path(1));
}
