// The batch's threads: one reader streams the extract and checks ids, N workers render
// (one Renderer each, the Engine shared), and the calling thread collects the results,
// puts them back in input order and appends them to the manifest. Bounded queues and a
// window of records in flight keep memory flat however long the extract.

#include "batch/batch.hpp"

#include <malloc.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <map>
#include <semaphore>
#include <thread>

#include "batch/output_dir.hpp"
#include "batch/pipeline.hpp"
#include "batch/print_file.hpp"
#include "batch/progress.hpp"
#include "batch/queue.hpp"
#include "common/exit_codes.hpp"
#include "common/io.hpp"
#include "common/messages.hpp"

namespace brevgen::batch {

namespace fs = std::filesystem;

namespace {

/// Set by SIGINT/SIGTERM: stop reading, finish what is in flight, leave a resumable state.
std::atomic<bool> stop_requested{false};

extern "C" void on_stop_signal(int sig) {
    stop_requested.store(true);
    std::signal(sig, SIG_DFL);  // a second signal ends the process at once
}

/// Installs the stop handlers for the length of a batch.
class SignalGuard {
public:
    SignalGuard() {
        stop_requested.store(false);
        int_ = std::signal(SIGINT, on_stop_signal);
        term_ = std::signal(SIGTERM, on_stop_signal);
    }
    ~SignalGuard() {
        std::signal(SIGINT, int_);
        std::signal(SIGTERM, term_);
    }
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

private:
    void (*int_)(int) = SIG_DFL;
    void (*term_)(int) = SIG_DFL;
};

/// What the threads share.
struct Pipeline {
    Pipeline(const BatchOptions& o, std::shared_ptr<const Engine> e, const fs::path& d, unsigned jobs)
        : options(o), engine(std::move(e)), dir(d), work(4 * jobs), results(window_size(jobs)),
          window(static_cast<std::ptrdiff_t>(window_size(jobs))), workers_write(jobs > 1),
          producers(static_cast<int>(jobs) + 1) {}

    /// Records between the reader and the manifest: bounds the reorder buffer when one
    /// slow letter holds back the ones after it.
    static std::size_t window_size(unsigned jobs) { return 64 + 16 * std::size_t{jobs}; }

    /// Records read (their case trees built) but not yet rendered, at most, counted by their
    /// length in the extract: thousands of ordinary records, or one record at the input
    /// limit (which alone may take some 130 MB to render).
    static constexpr std::size_t record_budget = std::size_t{16} << 20;

    void producer_done() {
        if (--producers == 0) results.close();
    }

    const BatchOptions& options;
    std::shared_ptr<const Engine> engine;
    fs::path dir;
    io::TempFileLog* log = nullptr;  ///< records the letters' temp files (OutputDir::temp_log)
    BoundedQueue<Job> work;
    BoundedQueue<Done> results;
    ByteBudget records{record_budget};
    std::counting_semaphore<> window;
    /// Who creates and writes the letters' files. With one worker the collector does, on the
    /// core the worker leaves free, so rendering never waits for the kernel; with several,
    /// each worker writes its own, so file creation scales with them.
    bool workers_write;
    std::atomic<int> producers;
    std::atomic<std::uint64_t> other_shards{0};
    Diagnostics fatal;  ///< written by the reader before it finishes
    bool unreadable = false;
};

void read_orders(Pipeline& p, ExtractReader& reader, DoneRows& done_rows) {
    IdSet seen;
    std::uint64_t seq = 0;
    const auto& o = p.options;
    try {
        while (!stop_requested.load()) {
            auto order = reader.next();
            if (!order) break;
            Diagnostics errors = check_order(*order, *p.engine, seen);
            if (order->index % o.shard_count != o.shard_index) {
                ++p.other_shards;
                continue;
            }
            if (errors.empty()) order->inputs = record_inputs(*order, *p.engine);
            p.window.acquire();
            Done d{seq++, row_of(*order), false, order->end_offset, order->pos, {}, {}};
            if (!errors.empty()) {
                d.row.errors = std::move(errors);
                p.results.push(std::move(d));
            } else if (const Row* row = done_rows.done(order->index, *order->id, order->inputs)) {
                d.row = *row;
                d.already = true;
                p.results.push(std::move(d));
            } else {
                p.records.acquire(order->bytes);
                p.work.push(Job{d.seq, std::move(*order)});
            }
        }
        p.fatal = reader.fatal;
    } catch (const io::InputStopped&) {
        // SIGTERM while a record was being read (or skipped): it gets no row, --resume reads it again.
    } catch (const std::exception& e) {
        p.fatal.push_back(make_error({}, "", message::cannot_read("the extract", e.what())));
    }
    p.work.close();
    p.producer_done();
}

void render_orders(Pipeline& p) {
    Renderer renderer(p.engine);
    while (auto job = p.work.pop()) {
        Done d{job->seq, row_of(job->order), false, job->order.end_offset, job->order.pos, {}, {}};
        try {
            d.row = render_order(renderer, job->order, p.options.memo, d.outputs);
            if (p.workers_write) stage_outputs(p.dir, d.outputs, d.pos, p.log, d.staged, d.row);
        } catch (const std::exception& e) {
            // Whatever went wrong stays with this record; the sequence must not get a gap.
            d.row.errors.push_back(make_error(job->order.pos, "", std::string("cannot render the letter: ") + e.what()));
        }
        const std::size_t record_bytes = job->order.bytes;
        job.reset();  // the case tree goes before the budget lets the next one in
        p.records.release(record_bytes);
        // A record of megabytes leaves its peak in this thread's malloc arena; without
        // giving it back, every worker would keep the peak of the largest record it met.
        if (record_bytes > (std::size_t{1} << 20)) ::malloc_trim(0);
        p.results.push(std::move(d));
    }
    p.producer_done();
}

/// Takes the results in any order and handles them in input order, a group at a time:
/// the group's PDFs are fsynced and renamed, the directory is fsynced once, and only then
/// are their rows appended and the manifest fsynced, so a row never names a file a crash
/// could still take away, and the fsyncs cost once per group, not twice per letter.
class Collector {
public:
    Collector(Pipeline& p, ManifestWriter& manifest, PrintFile* print, Progress& progress)
        : p_(p), manifest_(manifest), print_(print), progress_(progress) {}

    void run() {
        std::map<std::uint64_t, Done> pending;
        std::uint64_t next = 0;
        for (;;) {
            auto d = p_.results.pop_for(std::chrono::milliseconds(50));
            if (d) pending.emplace(d->seq, std::move(*d));
            for (auto it = pending.find(next); it != pending.end(); it = pending.find(++next)) {
                bytes_seen_ = it->second.end_offset;
                if (group_.empty()) group_started_ = std::chrono::steady_clock::now();
                group_.push_back(std::move(it->second));
                pending.erase(it);
                p_.window.release();
                if (group_.size() >= group_letters) flush_group();
            }
            const bool end = !d && p_.results.closed_and_empty();
            if (end || (!group_.empty() && std::chrono::steady_clock::now() - group_started_ >= group_age)) flush_group();
            progress_.update(counts, bytes_done_);
            if (end) break;
        }
    }

    Counts counts;
    std::string manifest_error, print_error;

private:
    /// Letters per group, and how long the first of a group may wait for the others.
    static constexpr std::size_t group_letters = 32;
    static constexpr auto group_age = std::chrono::milliseconds(200);

    void flush_group() {
        bool published = false;
        for (auto& d : group_)
            if (!d.outputs.empty()) stage_outputs(p_.dir, d.outputs, d.pos, p_.log, d.staged, d.row);
        for (auto& d : group_) {
            try {
                for (auto& file : d.staged) {
                    file->sync();
                    file->publish();
                    published = true;
                }
            } catch (const io::WriteError& e) {
                d.row = failed_write(d.row, e.reason());
            }
            d.staged.clear();
        }
        // The renames first: a durable row must never name a PDF whose rename is not.
        if (published) io::sync_directory(p_.dir);
        for (const auto& d : group_) handle(d);
        if (manifest_error.empty()) {
            try {
                manifest_.sync();
            } catch (const std::exception& e) {
                fail_manifest(e.what());
            }
        }
        for (const auto& d : group_) {
            if (print_ && d.row.ok && d.row.paper && print_error.empty()) add_to_print(d.row);
        }
        group_.clear();
        bytes_done_ = bytes_seen_;
    }

    /// The row of a letter whose file could not be made durable: an error, like a failed render.
    static Row failed_write(Row row, const std::string& reason) {
        row.ok = false;
        row.errors.push_back(make_error({row.line, 1}, "", message::cannot_write(row.file(), reason)));
        return row;
    }

    void handle(const Done& d) {
        const Row& row = d.row;
        if (d.already) {
            ++counts.done;
            return;
        }
        ++(row.ok ? counts.ok : counts.failed);
        if (!row.warnings.empty()) ++counts.warnings;
        report(row);
        if (manifest_error.empty()) {
            try {
                manifest_.append(row);
            } catch (const std::exception& e) {
                fail_manifest(e.what());
            }
        }
    }

    /// The row's errors on stderr, as the CLI prints them: the extract's line and column.
    void report(const Row& row) {
        if (row.errors.empty()) return;
        progress_.finish();  // the bar comes back with the next update
        for (auto d : row.errors) {
            d.file = p_.options.extract;
            std::cerr << format_diagnostic(d) << '\n';
        }
    }

    void add_to_print(const Row& row) {
        const auto pdf = io::read_file(p_.dir / row.file());
        try {
            if (!pdf) throw std::runtime_error(message::cannot_read(row.file(), pdf.error));
            print_->append(*pdf.bytes);
        } catch (const std::exception& e) {
            print_error = *row.id + ".pdf: " + e.what();
        }
    }

    /// Without a manifest nothing done is recorded: stop reading, drain, report.
    void fail_manifest(const std::string& what) {
        manifest_error = what;
        stop_requested.store(true);
    }

    Pipeline& p_;
    ManifestWriter& manifest_;
    PrintFile* print_;
    Progress& progress_;
    std::vector<Done> group_;
    std::chrono::steady_clock::time_point group_started_;
    std::uint64_t bytes_seen_ = 0, bytes_done_ = 0;
};

}  // namespace

std::optional<Shard> parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto number = [](std::string_view s) -> std::optional<unsigned> {
        if (s.empty() || s.size() > 6) return std::nullopt;
        unsigned v = 0;
        for (const char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
        return v;
    };
    const auto k = number(text.substr(0, slash)), n = number(text.substr(slash + 1));
    if (!k || !n || *n == 0 || *k >= *n) return std::nullopt;
    return Shard{*k, *n};
}

unsigned default_jobs() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return static_cast<unsigned>(CPU_COUNT(&set));
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace brevgen::batch

namespace brevgen::batch {

namespace {

/// Everything run_batch sets up before the threads start; nullptr members mean "failed"
/// and `exit` says why.
struct Setup {
    int exit = exit_code::ok;
    std::uint64_t total_bytes = 0;
    std::unique_ptr<OutputDir> out;
    std::unique_ptr<ExtractReader> reader;
    std::unique_ptr<ManifestWriter> manifest;
    std::unique_ptr<PrintFile> print;
    std::uint64_t print_letters = 0, print_pages = 0;
    bool print_written = false;
};

Setup set_up(const BatchOptions& o, const Engine& engine) {
    Setup s;
    std::string error;
    // The extract first: nothing is created for an extract that is not there.
    auto input = Input::open(o.extract, error);
    if (!input) {
        std::cerr << o.extract << ": error: " << message::cannot_read("the extract", error) << '\n';
        s.exit = exit_code::no_input;
        return s;
    }
    s.total_bytes = input->size();
    input->stop_on(&stop_requested);
    try {
        s.out = std::make_unique<OutputDir>(o.output_dir, o.resume, KeepRule{true, o.shard_index, o.shard_count});
        for (const auto& w : s.out->warnings()) std::cerr << w << '\n';
        s.manifest = std::make_unique<ManifestWriter>(s.out->manifest());
        if (!o.print_file.empty()) {
            if (const auto why = refuse_print_target(o.print_file, s.out->path(), o.extract)) {
                throw OutputDirError{exit_code::usage, o.print_file.string() + ": error: --print: " + *why};
            }
            s.print = std::make_unique<PrintFile>(o.print_file, s.out->temp_log());
        }
    } catch (const OutputDirError& e) {
        std::cerr << e.message << '\n';
        s.exit = e.exit_code;
        return s;
    } catch (const std::runtime_error& e) {
        std::cerr << "error: " << e.what() << '\n';
        s.exit = exit_code::io_error;
        return s;
    }
    try {
        s.reader = open_extract(std::move(input), engine.settings().read_limits);
    } catch (const io::InputStopped&) {
        std::cerr << "batch: interrupted before the first record\n";
        s.exit = exit_code::failure;
    } catch (const std::runtime_error& e) {
        std::cerr << o.extract << ": error: " << e.what() << '\n';
        s.exit = exit_code::no_input;
    }
    return s;
}

/// Publishes the print file. None when no letter needs paper (a PDF without pages upsets
/// printers and viewers); an older file of that name is left as it is (the summary says so):
/// brevgen never deletes a file it has not just written.
int finish_print(const BatchOptions& o, Setup& s, const Collector& c) {
    if (!s.print) return exit_code::ok;
    s.print_letters = s.print->letters();
    s.print_pages = s.print->pages();
    if (!c.print_error.empty() || stop_requested.load() || s.print_letters == 0) {
        s.print.reset();  // removes the temp file; an interrupted run writes it when resumed
        if (!c.print_error.empty()) {
            std::cerr << o.print_file.string() << ": error: not written: " << c.print_error << '\n';
            return exit_code::failure;
        }
        return exit_code::ok;
    }
    try {
        s.print->finish();
        s.print_written = true;
    } catch (const std::exception& e) {
        std::cerr << o.print_file.string() << ": error: " << e.what() << '\n';
        return exit_code::io_error;
    }
    return exit_code::ok;
}

/// Merges the rows this run appended with the ones an earlier run left, and publishes the
/// print file; returns an exit code for what went wrong, or ok.
int finish_outputs(const BatchOptions& o, Setup& s, Collector& c) {
    s.manifest.reset();
    int exit = exit_code::ok;
    if (!c.manifest_error.empty()) {
        std::cerr << s.out->manifest().string() << ": error: " << c.manifest_error << '\n';
        return exit_code::io_error;
    }
    if (s.out->kept_rows() > 0) {
        try {
            compact_manifest(s.out->manifest(), s.out->path(), KeepRule{false, o.shard_index, o.shard_count}, s.out->temp_log());
        } catch (const std::exception& e) {
            std::cerr << s.out->manifest().string() << ": error: " << e.what() << '\n';
            exit = exit_code::io_error;
        }
    }
    const int print = finish_print(o, s, c);
    return exit != exit_code::ok ? exit : print;
}

void print_summary(const BatchOptions& o, const Setup& s, const Collector& c, const Pipeline& p, double seconds) {
    const auto& n = c.counts;
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f s (%.0f letters/s)", seconds, seconds > 0 ? static_cast<double>(n.ok + n.failed) / seconds : 0.0);
    std::cerr << "batch: " << n.ok << " letters ok, " << n.failed << " failed, " << n.done << " skipped as already done, in "
              << rate << '\n';
    if (n.warnings) std::cerr << "batch: " << n.warnings << " letters with warnings (see the manifest)\n";
    if (o.shard_count > 1) {
        std::cerr << "batch: shard " << o.shard_index << "/" << o.shard_count << "; " << p.other_shards.load()
                  << " records left to the other shards\n";
    }
    std::cerr << "batch: manifest " << s.out->manifest().string() << '\n';
    if (s.print_written) {
        std::cerr << "batch: print file " << o.print_file.string() << ": " << s.print_letters << " letters, " << s.print_pages
                  << " pages\n";
    } else if (!o.print_file.empty() && s.print_letters == 0 && !stop_requested.load()) {
        std::error_code ec;
        const bool older = fs::exists(fs::symlink_status(o.print_file, ec));
        std::cerr << "batch: no letters for paper mail: no print file written"
                  << (older ? "; " + o.print_file.string() + " (an earlier run's) was not changed" : std::string()) << '\n';
    }
}

}  // namespace

int run_batch(const BatchOptions& o, std::shared_ptr<const Engine> engine) {
    if (o.shard_count == 0 || o.shard_index >= o.shard_count) {
        std::cerr << "error: --shard K/N needs 0 <= K < N\n";
        return exit_code::usage;
    }
    const SignalGuard signals;  // before set_up: sniffing the extract may wait on a silent pipe
    Setup s = set_up(o, *engine);
    if (s.exit != exit_code::ok) return s.exit;
    const unsigned jobs = o.jobs ? o.jobs : default_jobs();
    DoneRows done_rows = s.out->kept_rows() ? DoneRows(s.out->manifest(), s.out->kept_bytes(), o.memo) : DoneRows();
    Pipeline p(o, engine, s.out->path(), jobs);
    p.log = s.out->temp_log();
    Progress progress(std::cerr, ::isatty(STDERR_FILENO) == 1, s.total_bytes);
    Collector collector(p, *s.manifest, s.print.get(), progress);
    std::vector<std::thread> threads;
    threads.emplace_back(read_orders, std::ref(p), std::ref(*s.reader), std::ref(done_rows));
    for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(render_orders, std::ref(p));
    collector.run();
    for (auto& t : threads) t.join();
    progress.finish();
    for (auto d : p.fatal) {
        d.file = o.extract;
        std::cerr << format_diagnostic(d) << '\n';
    }
    const int outputs = finish_outputs(o, s, collector);
    print_summary(o, s, collector, p, progress.elapsed());
    if (outputs != exit_code::ok) return outputs;
    if (s.reader->unreadable) return exit_code::no_input;
    if (stop_requested.load()) {
        std::cerr << "batch: interrupted; run the same command with --resume to finish\n";
        return exit_code::failure;
    }
    return collector.counts.failed || !p.fatal.empty() ? exit_code::failure : exit_code::ok;
}

}  // namespace brevgen::batch
