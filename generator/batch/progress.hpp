#pragma once
/// What a running batch tells its operator: a progress bar with rate and ETA on a terminal,
/// a plain log line every ~10 s or 1000 letters otherwise, and the summary at the end.
/// Only counts, rates and times: never case content.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace brevgen::batch {

/// Letters so far.
struct Counts {
    std::uint64_t ok = 0;        ///< rendered and written
    std::uint64_t failed = 0;    ///< reported in the manifest and skipped
    std::uint64_t done = 0;      ///< skipped: finished by an earlier run (--resume)
    std::uint64_t warnings = 0;  ///< letters with warnings
    std::uint64_t handled() const { return ok + failed + done; }
};

/// Progress output on `out` (stderr).
class Progress {
public:
    /// `tty`: draw a bar; `total_bytes`: the extract's size (0 when unknown: no ETA).
    Progress(std::ostream& out, bool tty, std::uint64_t total_bytes);

    /// Called often; draws at most every 200 ms (bar) or 10 s / 1000 letters (log).
    void update(const Counts& counts, std::uint64_t bytes_done);
    /// Clears the bar before the summary.
    void finish();
    /// Seconds since the start.
    double elapsed() const;

private:
    std::string line(const Counts& counts, std::uint64_t bytes_done) const;

    std::ostream& out_;
    bool tty_;
    std::uint64_t total_bytes_;
    std::chrono::steady_clock::time_point start_, last_;
    std::uint64_t last_logged_ = 0;
    bool drawn_ = false;
};

}  // namespace brevgen::batch
