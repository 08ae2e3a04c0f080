#pragma once
/// A bounded blocking queue between the batch's threads (reader → workers → writer).

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace brevgen::batch {

/// FIFO with a capacity: push() blocks while full, pop() blocks while empty. close() wakes
/// everyone; after it pop() drains what is left and then answers nullopt. The capacity is
/// what keeps memory flat however long the extract: a fast producer waits for the consumers.
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

    /// Adds an item, waiting for room; false (item dropped) when the queue was closed.
    bool push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
        if (closed_) return false;
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    /// The oldest item, waiting for one; nullopt once closed and empty.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
        return take(lock);
    }

    /// Like pop(), but gives up after `timeout` (nullopt; check closed_and_empty()).
    std::optional<T> pop_for(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        not_empty_.wait_for(lock, timeout, [&] { return closed_ || !items_.empty(); });
        return take(lock);
    }

    /// No more pushes; consumers drain what is queued.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }

    bool closed_and_empty() const {
        std::lock_guard lock(mutex_);
        return closed_ && items_.empty();
    }

private:
    std::optional<T> take(std::unique_lock<std::mutex>&) {
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable not_full_, not_empty_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace brevgen::batch
