#pragma once
/// A bounded replacement for httplib's ThreadPool, whose queue of accepted connections grows
/// without limit. Connections beyond the bound go to one "shedding" thread that answers
/// them 503 at once; when even its short queue is full, the acceptor waits, so the backlog
/// stays in the kernel's listen queue instead of in memory.

#include <httplib.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace brevgen::http {

/// httplib's task queue with `workers` threads, at most `max_queued` connections waiting
/// for one, and a shedding thread for the overflow.
class WorkQueue : public httplib::TaskQueue {
public:
    /// `on_worker_start` runs first on every worker thread (to make its Renderer).
    WorkQueue(std::size_t workers, std::size_t max_queued, std::function<void()> on_worker_start);
    ~WorkQueue() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    /// True on the shedding thread: the request it handles should get 503.
    static bool shedding();


private:
    void work();
    void shed();
    /// A new connection may wait for a worker: idle workers take the first ones at once,
    /// max_queued_ more may wait. Called with mutex_ held.
    bool has_room() const { return jobs_.size() < idle_ + max_queued_; }

    std::size_t max_queued_;
    std::size_t max_shed_;
    std::function<void()> on_worker_start_;
    mutable std::mutex mutex_;
    std::condition_variable work_ready_, shed_ready_, room_;
    std::deque<std::function<void()>> jobs_, shed_jobs_;
    std::size_t idle_ = 0;  ///< workers waiting for a connection
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace brevgen::http
