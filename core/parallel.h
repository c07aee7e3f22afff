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

// Runs `work(i)` for every i in [0, count) on `jobs` threads and hands each
// result to `take(i, result)` on the calling thread, in order of i, as soon
// as it and all before it are done. At most `window` results wait to be
// taken, so memory stays bounded however large `count` is. With one job
// everything runs on the calling thread. `work` must not throw; an
// exception from `take` stops the workers and is rethrown.
template <typename Result>
void run_in_order(std::size_t count, unsigned jobs, const std::function<Result(std::size_t)>& work,
                  const std::function<void(std::size_t, Result&)>& take, std::size_t window = 0) {
    if (jobs <= 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            Result result = work(i);
            take(i, result);
        }
        return;
    }
    if (window == 0) window = std::size_t{jobs} * 8;
    std::vector<std::optional<Result>> slots(window);  // result i waits in slots[i % window]
    std::mutex mutex;
    // Each side is woken only when the other has done what it waits for, and
    // only if it waits: one wake-up per file at most, not one per thread.
    std::condition_variable result_ready;  // the calling thread waits for result `taken`
    std::condition_variable slot_free;     // workers wait for room in the window
    bool taker_waiting = false;
    unsigned workers_waiting = 0;
    std::size_t next = 0;   // the next index a worker claims
    std::size_t taken = 0;  // every index below has been taken
    bool stopping = false;

    auto worker = [&] {
        for (;;) {
            std::size_t index;
            {
                std::unique_lock lock(mutex);
                ++workers_waiting;
                slot_free.wait(lock, [&] { return stopping || next >= count || next < taken + window; });
                --workers_waiting;
                if (stopping || next >= count) return;
                index = next++;
            }
            Result result = work(index);
            bool wake;
            {
                std::lock_guard lock(mutex);
                slots[index % window].emplace(std::move(result));
                wake = taker_waiting && index == taken;
            }
            if (wake) result_ready.notify_one();
        }
    };
    std::vector<std::jthread> workers;
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(jobs, count));
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(worker);

    try {
        while (taken < count) {
            std::optional<Result> ready;
            {
                std::unique_lock lock(mutex);
                taker_waiting = true;
                result_ready.wait(lock, [&] { return slots[taken % window].has_value(); });
                taker_waiting = false;
                ready = std::move(slots[taken % window]);
                slots[taken % window].reset();
            }
            take(taken, *ready);
            bool wake;
            {
                std::lock_guard lock(mutex);
                ++taken;
                wake = workers_waiting > 0;
            }
            if (wake) slot_free.notify_one();
        }
        // Workers that waited for room while the last index was claimed.
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        slot_free.notify_all();
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        slot_free.notify_all();
        throw;  // the jthreads join as they go out of scope
    }
}

// The number of jobs `--jobs 0` means: every core.
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace postport
