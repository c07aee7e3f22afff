// The index of a site's articles that linked bodies are converted with.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/body.h"

using namespace postport;

namespace {

// Every folder of a path is a key: "a/b/c.md" is known as "a" and "a/b".
void folders_of(std::string_view path, std::vector<std::string>& keys) {
    for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1))
        keys.emplace_back(path.substr(0, slash));
}

std::vector<std::string> sources_of(const std::vector<SiteEntry>& entries) {
    std::vector<std::string> sources;
    for (const auto& entry : entries) sources.emplace_back(entry.source_path);
    return sources;
}

SiteIndex sample_index() {
    SiteIndex site;
    site.add("content/post/b.md", "_posts/2021-01-02-b.md");
    site.add("content/post/a.md", "_posts/2021-01-01-a.md");
    site.add("content/about.md", "about.md");
    site.add("content/post/sub/c.md", "_posts/sub/2021-01-03-c.md");
    return site;
}

}  // namespace

TEST(SiteIndex, FindsAnArticleByEitherPath) {
    const SiteIndex site = sample_index();
    const auto a = site.by_source("content/post/a.md");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->target_path, "_posts/2021-01-01-a.md");
    const auto about = site.by_target("about.md");
    ASSERT_TRUE(about);
    EXPECT_EQ(about->source_path, "content/about.md");
    EXPECT_FALSE(site.by_source("_posts/2021-01-01-a.md"));
    EXPECT_FALSE(site.by_target("content/post/a.md"));
    EXPECT_FALSE(site.by_source("content/post/a"));
}

TEST(SiteIndex, FlippedSeesTheOtherSide) {
    const SiteIndex site = sample_index();
    const SiteIndex back = site.flipped();
    const auto a = back.by_source("_posts/2021-01-01-a.md");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->target_path, "content/post/a.md");
    EXPECT_TRUE(back.by_target("content/about.md"));
    EXPECT_FALSE(back.by_source("content/about.md"));
    // Keys come from the view's own source paths.
    EXPECT_EQ(sources_of(back.with_key(folders_of, "_posts")),
              (std::vector<std::string>{"_posts/2021-01-02-b.md", "_posts/2021-01-01-a.md",
                                        "_posts/sub/2021-01-03-c.md"}));
    EXPECT_TRUE(back.with_key(folders_of, "content").empty());
    EXPECT_EQ(back.flipped().by_source("content/about.md")->target_path, "about.md");
}

TEST(SiteIndex, WithKeyGivesEveryArticleWithThatKeyInTheOrderAdded) {
    const SiteIndex site = sample_index();
    EXPECT_EQ(sources_of(site.with_key(folders_of, "content/post")),
              (std::vector<std::string>{"content/post/b.md", "content/post/a.md", "content/post/sub/c.md"}));
    EXPECT_EQ(sources_of(site.with_key(folders_of, "content/post/sub")),
              (std::vector<std::string>{"content/post/sub/c.md"}));
    EXPECT_TRUE(site.with_key(folders_of, "content/pos").empty());
    EXPECT_TRUE(site.with_key(folders_of, "").empty());
}

TEST(SiteIndex, TheSamePathTwiceIsFoundAsTheFirst) {
    SiteIndex site;
    site.add("a.md", "out.md");
    site.add("b.md", "out.md");
    EXPECT_EQ(site.by_target("out.md")->source_path, "a.md");
}

TEST(SiteIndex, ManyThreadsLookUpAtOnce) {
    SiteIndex site;
    for (int i = 0; i < 2000; ++i)
        site.add("content/p" + std::to_string(i) + "/index.md", "_posts/2021-01-01-p" + std::to_string(i) + ".md");
    std::vector<int> misses(4, 0);
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = t; i < 2000; i += 4) {
                    const std::string folder = "content/p" + std::to_string(i);
                    const auto found = site.with_key(folders_of, folder);
                    if (found.size() != 1 || !site.by_source(folder + "/index.md")) ++misses[t];
                }
            });
    }
    EXPECT_EQ(misses, (std::vector<int>{0, 0, 0, 0}));
}
