// The compact path containers a site conversion keeps per file.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/paths.h"

using namespace postport;

namespace {

std::vector<std::string> strings_of(const PathList& list) { return {list.begin(), list.end()}; }

}  // namespace

TEST(PathList, KeepsPathsInOrderAndSortsThemByBytes) {
    PathList list;
    EXPECT_TRUE(list.empty());
    for (const char* path : {"content/post/b.md", "content/post-a.md", "content/post/a.md", "", "Z.md", "é.md"})
        list.push_back(path);
    ASSERT_EQ(list.size(), 6U);
    EXPECT_EQ(list[0], "content/post/b.md");
    EXPECT_EQ(list[3], "");
    list.sort();
    // Byte order: '-' (0x2D) before '/' (0x2F), upper case before lower, UTF-8 last.
    EXPECT_EQ(strings_of(list),
              (std::vector<std::string>{"", "Z.md", "content/post-a.md", "content/post/a.md", "content/post/b.md",
                                        "é.md"}));
    EXPECT_TRUE(std::binary_search(list.begin(), list.end(), "content/post/a.md"));
    EXPECT_FALSE(std::binary_search(list.begin(), list.end(), "content/post/c.md"));
}

TEST(PathList, HoldsManyPaths) {
    PathList list;
    for (int i = 9999; i >= 0; --i) list.push_back("content/post/p" + std::to_string(i) + ".md");
    list.sort();
    ASSERT_EQ(list.size(), 10000U);
    EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
    EXPECT_EQ(list[0], "content/post/p0.md");
    EXPECT_EQ(list[9999], "content/post/p9999.md");
}

TEST(PathHashSet, FindsWhatWasInsertedAndNothingElse) {
    PathHashSet set;
    EXPECT_TRUE(set.empty());
    EXPECT_FALSE(set.contains("a.md"));
    // Enough paths to grow the table several times.
    for (int i = 0; i < 5000; ++i) set.insert("_posts/2021-01-01-p" + std::to_string(i) + ".md");
    set.insert("_posts/2021-01-01-p7.md");  // again: still one path
    EXPECT_EQ(set.size(), 5000U);
    for (int i = 0; i < 5000; ++i) EXPECT_TRUE(set.contains("_posts/2021-01-01-p" + std::to_string(i) + ".md"));
    for (int i = 5000; i < 10000; ++i)
        EXPECT_FALSE(set.contains("_posts/2021-01-01-p" + std::to_string(i) + ".md"));
    EXPECT_FALSE(set.contains(""));
    set.insert("");
    EXPECT_TRUE(set.contains(""));
}

TEST(PathHashSet, ReservedRoomHoldsAsMany) {
    PathHashSet set;
    set.reserve(1000);
    for (int i = 0; i < 1000; ++i) set.insert("p" + std::to_string(i));
    set.reserve(10);  // never shrinks
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE(set.contains("p" + std::to_string(i)));
    EXPECT_FALSE(set.contains("p1000"));
    EXPECT_EQ(set.size(), 1000U);
}
