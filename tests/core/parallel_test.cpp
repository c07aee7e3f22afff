// run_items_in_order and run_in_order: work on several threads, results taken in order.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parallel.h"

using namespace postport;

namespace {

// Items 0..count-1 as strings, asked for one at a time; counts how many
// were asked for beyond the last.
struct Items {
    std::size_t count;
    std::size_t given = 0;
    std::size_t asked_after_end = 0;
    std::optional<std::string> next() {
        if (given == count) {
            ++asked_after_end;
            return std::nullopt;
        }
        return "item " + std::to_string(given++);
    }
};

}  // namespace

TEST(RunItemsInOrder, TakesEveryResultInOrderForAnyNumberOfJobs) {
    for (const unsigned jobs : {1U, 2U, 3U, 8U}) {
        for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8},
                                        std::size_t{9}, std::size_t{1000}}) {
            SCOPED_TRACE(std::to_string(jobs) + " jobs, " + std::to_string(count) + " items");
            Items items{count};
            std::vector<std::string> taken;
            std::atomic<std::size_t> worked{0};
            run_items_in_order<std::string, std::string>(
                [&] { return items.next(); }, jobs,
                [&](std::size_t i, std::string& item) {
                    ++worked;
                    return std::to_string(i) + ": " + item;
                },
                [&](std::size_t i, std::string& result) {
                    EXPECT_EQ(i, taken.size());
                    taken.push_back(result);
                });
            ASSERT_EQ(taken.size(), count);
            for (std::size_t i = 0; i < count; ++i) EXPECT_EQ(taken[i], std::to_string(i) + ": item " + std::to_string(i));
            EXPECT_EQ(worked.load(), count);
            EXPECT_EQ(items.asked_after_end, 1U) << "the end is asked for once";
        }
    }
}

TEST(RunItemsInOrder, AFailureToGiveAnItemIsRethrownOnTheCallingThread) {
    for (const unsigned jobs : {1U, 2U}) {
        std::size_t given = 0;
        std::size_t taken = 0;
        auto run = [&] {
            run_items_in_order<int, int>(
                [&]() -> std::optional<int> {
                    if (given == 50) throw std::runtime_error("cannot read the list");
                    return static_cast<int>(given++);
                },
                jobs, [](std::size_t, int& item) { return item * 2; },
                [&](std::size_t i, int& result) {
                    EXPECT_EQ(result, static_cast<int>(2 * i));
                    ++taken;
                });
        };
        EXPECT_THROW(run(), std::runtime_error);
        EXPECT_LE(taken, 50U);
    }
}

TEST(RunItemsInOrder, AFailureToTakeStopsTheWorkers) {
    std::size_t given = 0;
    auto run = [&] {
        run_items_in_order<int, int>(
            [&]() -> std::optional<int> {
                return given < 100000 ? std::optional<int>(static_cast<int>(given++)) : std::nullopt;
            },
            2, [](std::size_t, int& item) { return item; },
            [](std::size_t i, int&) {
                if (i == 20) throw std::runtime_error("cannot write");
            });
    };
    EXPECT_THROW(run(), std::runtime_error);
    EXPECT_LT(given, 1000U) << "workers went on after the failure";
}

TEST(RunInOrder, CountsIndicesFromZero) {
    std::vector<std::size_t> taken;
    run_in_order<std::size_t>(
        100, 2, [](std::size_t i) { return i * i; },
        [&](std::size_t i, std::size_t& square) {
            EXPECT_EQ(square, i * i);
            taken.push_back(i);
        });
    ASSERT_EQ(taken.size(), 100U);
    EXPECT_EQ(taken.back(), 99U);
}
