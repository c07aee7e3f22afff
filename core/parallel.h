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
// as it and all before it are done. Workers claim `chunk` consecutive
// indices at a time and the calling thread takes whatever is ready in one
// go, so that threads meet once per chunk rather than once per item. At most
// a few chunks per job are done and not yet taken, so memory stays bounded
// however large `count` is. With one job everything runs on the calling
// thread. `work` must not throw; an exception from `take` stops the workers
// and is rethrown.
template <typename Result>
void run_in_order(std::size_t count, unsigned jobs, const std::function<Result(std::size_t)>& work,
                  const std::function<void(std::size_t, Result&)>& take, std::size_t chunk = 8) {
    if (jobs <= 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) {
            Result result = work(i);
            take(i, result);
        }
        return;
    }
    const std::size_t window = chunk * jobs * 2;
    std::vector<std::optional<Result>> slots(window);  // result i waits in slots[i % window]
    std::mutex mutex;
    // Each side is woken only when the other has done what it waits for, and
    // only if it waits.
    std::condition_variable result_ready;  // the calling thread waits for result `taken`
    std::condition_variable room;          // workers wait for room in the window for a chunk
    bool taker_waiting = false;
    unsigned workers_waiting = 0;
    std::size_t next = 0;   // the next index a worker claims
    std::size_t taken = 0;  // every index below has been taken
    bool stopping = false;

    auto worker = [&] {
        std::vector<Result> done;
        for (;;) {
            std::size_t first;
            std::size_t end;
            {
                std::unique_lock lock(mutex);
                ++workers_waiting;
                room.wait(lock, [&] { return stopping || next >= count || next + chunk <= taken + window; });
                --workers_waiting;
                if (stopping || next >= count) return;
                first = next;
                end = std::min(count, first + chunk);
                next = end;
            }
            done.clear();
            for (std::size_t i = first; i < end; ++i) done.push_back(work(i));
            bool wake;
            {
                std::lock_guard lock(mutex);
                for (std::size_t i = first; i < end; ++i) slots[i % window].emplace(std::move(done[i - first]));
                wake = taker_waiting && first <= taken && taken < end;
            }
            if (wake) result_ready.notify_one();
        }
    };
    std::vector<std::jthread> workers;
    const std::size_t chunks = (count + chunk - 1) / chunk;
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(jobs, chunks));
    for (unsigned t = 0; t < threads; ++t) workers.emplace_back(worker);

    try {
        std::vector<Result> ready;
        while (taken < count) {
            ready.clear();
            {
                std::unique_lock lock(mutex);
                taker_waiting = true;
                result_ready.wait(lock, [&] { return slots[taken % window].has_value(); });
                taker_waiting = false;
                for (std::size_t i = taken; i < count && slots[i % window].has_value(); ++i) {
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
        // Workers that waited for room while the last index was claimed.
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        room.notify_all();
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        room.notify_all();
        throw;  // the jthreads join as they go out of scope
    }
}

// The number of jobs `--jobs 0` means: every core.
inline unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace postport
