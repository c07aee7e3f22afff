// Work spread over threads, with results taken in order.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace postport {

// Runs `work(i, item)` for every item `next_item` gives (the i-th, from 0,
// until it gives nullopt) on `jobs` threads and hands each result to
// `take(i, result)` on the calling thread, in order of i, as soon as it and
// all before it are done. Items are asked for one at a time, in order, as
// the work reaches them, so that they need not all be known (nor held) up
// front. Workers claim `chunk` consecutive items at a time and the calling
// thread takes whatever is ready in one go, so that threads meet once per
// chunk rather than once per item. At most a few chunks per job are done
// and not yet taken, so memory stays bounded however many items there are.
// With one job everything runs on the calling thread. `work` must not
// throw; an exception from `next_item` or `take` stops the workers and is
// rethrown.
template <typename Result, typename Item>
void run_items_in_order(const std::function<std::optional<Item>()>& next_item, unsigned jobs,
                        const std::function<Result(std::size_t, Item&)>& work,
                        const std::function<void(std::size_t, Result&)>& take, std::size_t chunk = 8) {
    if (jobs <= 1) {
        for (std::size_t i = 0;; ++i) {
            std::optional<Item> item = next_item();
            if (!item) return;
            Result result = work(i, *item);
            take(i, result);
        }
    }
    const std::size_t window = chunk * jobs * 2;
    std::vector<std::optional<Result>> slots(window);  // result i waits in slots[i % window]
    std::mutex mutex;
    // Each side is woken only when the other has done what it waits for, and
    // only if it waits.
    std::condition_variable result_ready;  // the calling thread waits for result `taken`, or the end
    std::condition_variable room;          // workers wait for room in the window for a chunk
    bool taker_waiting = false;
    unsigned workers_waiting = 0;
    std::size_t claimed = 0;  // items handed to workers so far
    bool exhausted = false;   // next_item has no more: `claimed` is the count
    std::size_t taken = 0;    // every index below has been taken
    bool stopping = false;
    std::exception_ptr failure;  // from next_item, for the calling thread to rethrow

    auto worker = [&] {
        std::vector<Item> items;
        std::vector<Result> done;
        for (;;) {
            std::size_t first;
            bool wake_all = false;
            items.clear();
            {
                std::unique_lock lock(mutex);
                ++workers_waiting;
                room.wait(lock, [&] { return stopping || exhausted || claimed + chunk <= taken + window; });
                --workers_waiting;
                if (stopping || exhausted) return;
                first = claimed;
                try {
                    while (items.size() < chunk) {
                        std::optional<Item> item = next_item();
                        if (!item) {
                            exhausted = true;
                            break;
                        }
                        items.push_back(std::move(*item));
                    }
                } catch (...) {
                    failure = std::current_exception();
                    stopping = true;
                }
                claimed += items.size();
                // The others may wait for an end they can see now.
                wake_all = exhausted || stopping;
            }
            if (wake_all) {
                result_ready.notify_one();
                room.notify_all();
            }
            done.clear();
            for (std::size_t k = 0; k < items.size(); ++k) done.push_back(work(first + k, items[k]));
            bool wake;
            {
                std::lock_guard lock(mutex);
                for (std::size_t k = 0; k < done.size(); ++k) slots[(first + k) % window].emplace(std::move(done[k]));
                wake = taker_waiting && first <= taken && taken < first + done.size();
            }
            if (wake) result_ready.notify_one();
        }
    };
    std::vector<std::jthread> workers;
    for (unsigned t = 0; t < jobs; ++t) workers.emplace_back(worker);

    auto stop = [&] {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        room.notify_all();
    };
    try {
        std::vector<Result> ready;
        for (;;) {
            ready.clear();
            {
                std::unique_lock lock(mutex);
                taker_waiting = true;
                result_ready.wait(lock, [&] {
                    return failure || slots[taken % window].has_value() || (exhausted && taken == claimed);
                });
                taker_waiting = false;
                if (failure) std::rethrow_exception(failure);
                if (exhausted && taken == claimed) break;
                for (std::size_t i = taken; i < claimed && slots[i % window].has_value(); ++i) {
                    ready.push_back(std::move(*slots[i % window]));
                    slots[i % window].reset();
                }
            }
            for (std::size_t k = 0; k < ready.size(); ++k) take(taken + k, ready[k]);
            bool wake;
            {
                std::lock_guard lock(mutex);
                taken += ready.size();
                wake = workers_waiting > 0;
            }
            if (wake) room.notify_all();
        }
        stop();  // workers that waited for room when the last item was claimed
    } catch (...) {
        stop();
        throw;  // the jthreads join as they go out of scope
    }
}

// run_items_in_order over the indices [0, count): `work(i)`, `take(i, result)`.
template <typename Result>
void run_in_order(std::size_t count, unsigned jobs, const std::function<Result(std::size_t)>& work,
                  const std::function<void(std::size_t, Result&)>& take, std::size_t chunk = 8) {
    std::size_t next = 0;
    run_items_in_order<Result, std::size_t>(
        [&]() -> std::optional<std::size_t> {
            if (next == count) return std::nullopt;
            return next++;
        },
        count > 1 ? jobs : 1, [&](std::size_t i, std::size_t&) { return work(i); }, take, chunk);
}

// The number of jobs `--jobs 0` means: every core.
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace postport
