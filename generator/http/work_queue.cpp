#include "http/work_queue.hpp"

namespace brevgen::http {

namespace {

thread_local bool on_shedding_thread = false;

}  // namespace

WorkQueue::WorkQueue(std::size_t workers, std::size_t max_queued, std::function<void()> on_worker_start)
    : max_queued_(max_queued),
      // Shed connections cost one short response each; a few per worker absorb a burst.
      max_shed_(4 * workers + 16),
      on_worker_start_(std::move(on_worker_start)) {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
    threads_.emplace_back([this] { shed(); });
}

WorkQueue::~WorkQueue() { shutdown(); }

void WorkQueue::enqueue(std::function<void()> fn) {
    std::unique_lock lock(mutex_);
    if (has_room()) {
        jobs_.push_back(std::move(fn));
        work_ready_.notify_one();
        return;
    }
    // Dropping fn would leak its socket (fn is what closes it), so an overflowing
    // connection is always run: on the shedding thread, or later when there is room.
    room_.wait(lock, [this] { return stopping_ || shed_jobs_.size() < max_shed_ || has_room(); });
    if (has_room()) {
        jobs_.push_back(std::move(fn));
        work_ready_.notify_one();
    } else {
        shed_jobs_.push_back(std::move(fn));
        shed_ready_.notify_one();
    }
}

void WorkQueue::shutdown() {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    work_ready_.notify_all();
    shed_ready_.notify_all();
    room_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

bool WorkQueue::shedding() { return on_shedding_thread; }

void WorkQueue::work() {
    try {
        if (on_worker_start_) on_worker_start_();
    } catch (...) {
        // The first request on this thread will try again and report the failure.
    }
    for (;;) {
        std::function<void()> fn;
        {
            std::unique_lock lock(mutex_);
            ++idle_;
            work_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            --idle_;
            if (jobs_.empty()) return;  // stopping, and every accepted connection is done
            fn = std::move(jobs_.front());
            jobs_.pop_front();
        }
        room_.notify_one();
        fn();
    }
}

void WorkQueue::shed() {
    on_shedding_thread = true;
    for (;;) {
        std::function<void()> fn;
        {
            std::unique_lock lock(mutex_);
            shed_ready_.wait(lock, [this] { return stopping_ || !shed_jobs_.empty(); });
            if (shed_jobs_.empty()) return;
            fn = std::move(shed_jobs_.front());
            shed_jobs_.pop_front();
        }
        room_.notify_one();
        fn();
    }
}

}  // namespace brevgen::http
