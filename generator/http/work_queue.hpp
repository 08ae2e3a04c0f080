#pragma once
/// The render workers: a fixed set of threads, each with its own Renderer, taking complete
/// requests from a bounded queue. The event loop hands a request over only once its head
/// and body are in memory, so a worker never waits on a client; a request that finds the
/// queue full is answered 503 by the loop at once.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace brevgen::http {

/// `workers` threads and a queue of at most `max_queued` jobs waiting for one.
class WorkQueue {
public:
    /// `on_worker_start` runs first on every worker thread (to make its Renderer).
    WorkQueue(std::size_t workers, std::size_t max_queued, std::function<void()> on_worker_start);
    ~WorkQueue();
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;

    /// True when a job pushed now would be accepted.
    bool has_room() const;

    /// Queues `job`; false (and `job` dropped) when every worker is busy and the queue full.
    bool try_push(std::function<void()> job);

    /// Runs the jobs already queued, then ends the workers. Idempotent.
    void shutdown();

private:
    void work();
    bool full() const { return pending_ >= workers_ + max_queued_; }  ///< mutex_ held

    std::size_t workers_;
    std::size_t max_queued_;
    std::function<void()> on_worker_start_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    std::size_t pending_ = 0;  ///< queued + running
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace brevgen::http
