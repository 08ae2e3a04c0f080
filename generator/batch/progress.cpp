#include "batch/progress.hpp"

#include <cmath>
#include <cstdio>

namespace brevgen::batch {

namespace {

using clock = std::chrono::steady_clock;

constexpr auto bar_interval = std::chrono::milliseconds(200);
constexpr auto log_interval = std::chrono::seconds(10);
constexpr std::uint64_t log_every = 1000;
constexpr int bar_width = 24;

std::string duration(double seconds) {
    const auto s = static_cast<long>(std::lround(seconds));
    char buf[32];
    if (s >= 3600) {
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    }
    return buf;
}

}  // namespace

Progress::Progress(std::ostream& out, bool tty, std::uint64_t total_bytes)
    : out_(out), tty_(tty), total_bytes_(total_bytes), start_(clock::now()), last_(start_) {}

double Progress::elapsed() const { return std::chrono::duration<double>(clock::now() - start_).count(); }

std::string Progress::line(const Counts& c, std::uint64_t bytes_done) const {
    const double seconds = elapsed();
    const double rate = seconds > 0 ? static_cast<double>(c.ok + c.failed) / seconds : 0;
    const double fraction = total_bytes_ ? std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes_)) : -1;
    char buf[160];
    std::string out;
    if (tty_ && fraction >= 0) {
        const int filled = static_cast<int>(fraction * bar_width);
        // Built from characters: GCC 12 warns (wrongly, -Wrestrict) about string literals here.
        out.push_back('[');
        out.append(static_cast<std::size_t>(filled), '#');
        out.append(static_cast<std::size_t>(bar_width - filled), '.');
        out.push_back(']');
        out.push_back(' ');
    }
    std::snprintf(buf, sizeof buf, "%llu letters (%llu ok, %llu failed, %llu already done), %.0f letters/s",
                  static_cast<unsigned long long>(c.handled()), static_cast<unsigned long long>(c.ok),
                  static_cast<unsigned long long>(c.failed), static_cast<unsigned long long>(c.done), rate);
    out += buf;
    if (fraction > 0) {
        std::snprintf(buf, sizeof buf, ", %.0f %% of the extract, ETA %s", fraction * 100,
                      duration(seconds * (1 - fraction) / fraction).c_str());
        out += buf;
    }
    return out;
}

void Progress::update(const Counts& counts, std::uint64_t bytes_done) {
    const auto now = clock::now();
    if (tty_) {
        if (drawn_ && now - last_ < bar_interval) return;
        out_ << "\r\x1b[K" << line(counts, bytes_done) << std::flush;
        drawn_ = true;
    } else {
        if (now - last_ < log_interval && counts.handled() < last_logged_ + log_every) return;
        if (counts.handled() == last_logged_) {
            last_ = now;
            return;
        }
        out_ << "batch: " << line(counts, bytes_done) << '\n' << std::flush;
        last_logged_ = counts.handled();
    }
    last_ = now;
}

void Progress::finish() {
    if (drawn_) out_ << "\r\x1b[K" << std::flush;
    drawn_ = false;
}

}  // namespace brevgen::batch
