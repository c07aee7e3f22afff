// SortedPaths: a site's paths sorted in bounded memory, in memory or in
// sorted runs merged on disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/sorted_paths.h"

using namespace postport;

namespace {

std::vector<std::string> read_all(const SortedPaths& paths) {
    std::vector<std::string> all;
    for (auto reader = paths.read(); const auto path = reader.next();) all.emplace_back(*path);
    return all;
}

// Paths in a shuffled order, with shared prefixes, look-alikes and lengths
// that cross read buffers.
std::vector<std::string> shuffled_paths(std::size_t count) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < count; ++i) {
        paths.push_back("content/post/p" + std::to_string(i) + ".md");
        if (i % 7 == 0) paths.push_back("content/post-" + std::to_string(i) + "/index.md");
        if (i % 101 == 0) paths.push_back("static/" + std::string(i % 5000, 'x') + ".png");
    }
    std::mt19937 random(42);
    std::shuffle(paths.begin(), paths.end(), random);
    return paths;
}

}  // namespace

TEST(SortedPaths, SortsByBytesInMemory) {
    SortedPaths paths;
    for (const char* path : {"content/post/b.md", "content/post-a.md", "content/post/a.md", "", "Z.md", "é.md"})
        paths.push_back(path);
    paths.sort();
    EXPECT_EQ(paths.size(), 6U);
    EXPECT_EQ(read_all(paths), (std::vector<std::string>{"", "Z.md", "content/post-a.md", "content/post/a.md",
                                                         "content/post/b.md", "é.md"}));
}

TEST(SortedPaths, RunsOnDiskMergeIntoTheSameOrder) {
    const std::vector<std::string> added = shuffled_paths(30000);
    std::vector<std::string> expected = added;
    std::sort(expected.begin(), expected.end());
    // Budgets from a run per path to a few runs; the default keeps them all in memory.
    for (const std::size_t budget : {std::size_t{1}, std::size_t{1000}, std::size_t{100000}, SortedPaths::default_memory_budget}) {
        SCOPED_TRACE(budget);
        SortedPaths paths(budget);
        for (const auto& path : added) paths.push_back(path);
        paths.sort();
        EXPECT_EQ(paths.size(), added.size());
        EXPECT_EQ(read_all(paths), expected);
        EXPECT_EQ(read_all(paths), expected) << "read a second time";
    }
}

TEST(SortedPaths, EmptyAndSingleRun) {
    SortedPaths none(16);
    none.sort();
    EXPECT_TRUE(none.empty());
    EXPECT_TRUE(read_all(none).empty());

    SortedPaths one(16);
    one.push_back("a-path-longer-than-the-budget.md");
    one.push_back("b.md");
    one.sort();
    EXPECT_EQ(read_all(one), (std::vector<std::string>{"a-path-longer-than-the-budget.md", "b.md"}));
}
