#include "http/work_queue.hpp"

namespace brevgen::http {

WorkQueue::WorkQueue(std::size_t workers, std::size_t max_queued, std::function<void()> on_worker_start)
    : workers_(workers), max_queued_(max_queued), on_worker_start_(std::move(on_worker_start)) {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

WorkQueue::~WorkQueue() { shutdown(); }

bool WorkQueue::has_room() const {
    const std::lock_guard lock(mutex_);
    return !stopping_ && !full();
}

bool WorkQueue::try_push(std::function<void()> job) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ || full()) return false;
        jobs_.push_back(std::move(job));
        ++pending_;
    }
    ready_.notify_one();
    return true;
}

void WorkQueue::shutdown() {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

void WorkQueue::work() {
    try {
        if (on_worker_start_) on_worker_start_();
    } catch (...) {
        // The first request on this thread will try again and report the failure.
    }
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and every queued job is done
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
        const std::lock_guard lock(mutex_);
        --pending_;
    }
}

}  // namespace brevgen::http
