#pragma once
/// A bounded blocking queue between the batch's threads (reader → workers → writer), and
/// the byte budget that bounds the records between the reader and the workers.

#include <algorithm>
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

/// Bytes of records in flight (read, not yet rendered): acquire() waits while `n` more
/// would go over the budget, unless nothing is in flight, so a record larger than the
/// whole budget still goes, alone. Record count limits (the queues, the window) keep memory
/// flat for ordinary records; this keeps it flat when records are megabytes each, where
/// `4 × jobs` queued records of 16 MiB would be a gigabyte.
class ByteBudget {
public:
    explicit ByteBudget(std::size_t budget) : budget_(budget) {}

    void acquire(std::size_t n) {
        std::unique_lock lock(mutex_);
        released_.wait(lock, [&] { return used_ == 0 || used_ + n <= budget_; });
        used_ += n;
    }

    void release(std::size_t n) {
        std::lock_guard lock(mutex_);
        used_ -= std::min(n, used_);
        released_.notify_all();
    }

private:
    const std::size_t budget_;
    std::mutex mutex_;
    std::condition_variable released_;
    std::size_t used_ = 0;
};

}  // namespace brevgen::batch
