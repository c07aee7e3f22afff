// The compact path containers a site conversion keeps per file.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
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

namespace {

std::string post_path(int i) { return "_posts/2021-01-01-p" + std::to_string(i) + ".md"; }

// Whether `set` holds posts [0, count) and none of [count, count + 5000).
void expect_holds_posts(const PathHashSet& set, int count) {
    EXPECT_EQ(set.size(), static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) ASSERT_TRUE(set.contains(post_path(i))) << i;
    for (int i = count; i < count + 5000; ++i) ASSERT_FALSE(set.contains(post_path(i))) << i;
}

}  // namespace

// A limit of 64 slots in memory: every table past the first is in a file.
TEST(PathHashSet, ATablePastItsLimitInMemoryAnswersAsOneInMemory) {
    PathHashSet in_file(64);
    PathHashSet in_memory;
    for (int i = 0; i < 20000; ++i) {
        in_file.insert(post_path(i));
        in_memory.insert(post_path(i));
    }
    in_file.insert(post_path(7));  // again: still one path
    expect_holds_posts(in_file, 20000);
    for (int i = 0; i < 25000; i += 7) EXPECT_EQ(in_file.contains(post_path(i)), in_memory.contains(post_path(i))) << i;
    EXPECT_FALSE(in_file.contains(""));
    in_file.insert("");
    EXPECT_TRUE(in_file.contains(""));
}

TEST(PathHashSet, ReservedRoomPastTheLimitHoldsAsMany) {
    PathHashSet set(64);
    set.reserve(20000);
    for (int i = 0; i < 20000; ++i) set.insert(post_path(i));
    set.reserve(10);  // never shrinks
    expect_holds_posts(set, 20000);
}

TEST(PathHashSet, GrowsStepByStepInAFile) {
    PathHashSet set(0);  // even the first table is in a file
    EXPECT_FALSE(set.contains(post_path(0)));
    for (int i = 0; i < 20000; ++i) {
        set.insert(post_path(i));
        if (i % 1000 == 0) {
            ASSERT_TRUE(set.contains(post_path(i / 2))) << i;
        }
    }
    expect_holds_posts(set, 20000);
}

TEST(PathHashSet, MovesFromMemoryToAFileMidWayAndMovesAsAWhole) {
    PathHashSet set(1024);  // moves to a file past 768 paths
    for (int i = 0; i < 700; ++i) set.insert(post_path(i));
    expect_holds_posts(set, 700);
    for (int i = 700; i < 20000; ++i) set.insert(post_path(i));
    PathHashSet moved(std::move(set));
    expect_holds_posts(moved, 20000);
    EXPECT_TRUE(set.empty());  // a moved-from set holds nothing
    EXPECT_FALSE(set.contains(post_path(0)));
    set = std::move(moved);
    expect_holds_posts(set, 20000);
}

namespace {

// Sets TMPDIR for the scope, then restores it.
class TemporaryFolderSetting {
public:
    explicit TemporaryFolderSetting(const char* folder) {
        if (const char* now = std::getenv("TMPDIR")) saved_ = now;
        ::setenv("TMPDIR", folder, 1);
    }
    TemporaryFolderSetting(const TemporaryFolderSetting&) = delete;
    TemporaryFolderSetting& operator=(const TemporaryFolderSetting&) = delete;
    ~TemporaryFolderSetting() {
        if (saved_) {
            ::setenv("TMPDIR", saved_->c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
    }

private:
    std::optional<std::string> saved_;
};

}  // namespace

TEST(PathHashSet, ATemporaryFileThatCannotBeMadeIsAnError) {
    const TemporaryFolderSetting no_folder("/nonexistent/postport-test");
    PathHashSet in_memory;
    PathHashSet in_file(64);
    for (int i = 0; i < 48; ++i) in_file.insert(post_path(i));
    try {
        in_file.insert(post_path(48));  // needs a second table, past the limit
        ADD_FAILURE() << "no error";
    } catch (const std::system_error& error) {
        EXPECT_TRUE(std::string_view(error.what()).starts_with("cannot create the temporary table of output paths"))
            << error.what();
    }
    expect_holds_posts(in_file, 48);  // as it was
    in_memory.insert(post_path(48));
    EXPECT_TRUE(in_memory.contains(post_path(48)));
}
