// A converted folder's records file, .postport/records.ndjson: written by
// RecordsWriter, read back through RecordIndex, merged with an earlier one.
#include <gtest/gtest.h>

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
