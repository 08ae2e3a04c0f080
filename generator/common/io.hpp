#pragma once
/// File input and output for every part of brevgen: reading with a size limit (regular
/// files, pipes and devices alike, "-" for stdin), streaming input in chunks, and atomic
/// output (a temporary file beside the target, fsync, rename, fsync of the directory).
/// AtomicFile::commit() is the one place in brevgen that renames a file into place.

#include <atomic>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace brevgen::io {

/// The largest file read when the caller names no limit: far above any template, font or
/// logo, and far below what a device such as /dev/zero would feed for ever.
inline constexpr std::uint64_t default_max_bytes = std::uint64_t{256} << 20;

/// What reading a whole file gave: its bytes, or why not.
struct ReadResult {
    std::optional<std::string> bytes;     ///< the content; nullopt when reading failed
    bool too_large = false;               ///< more than the limit: nothing beyond it was read
    std::optional<std::uint64_t> size;    ///< a too large regular file's size (unknown for a pipe)
    std::string error;                    ///< why not: the system's reason, or the size message

    explicit operator bool() const { return bytes.has_value(); }
};

/// Reads a file whole, at most `max_bytes`: a regular file's size is checked before
/// reading; a pipe or device is read in chunks and no further than one byte past the limit.
ReadResult read_file(const std::filesystem::path& path, std::uint64_t max_bytes = default_max_bytes);

/// The same for an input named on a command line: "-" is stdin.
ReadResult read_input(std::string_view name, std::uint64_t max_bytes = default_max_bytes);

/// Reads a file someone else may have put there (a template, a partial, legal.json, a
/// sender profile, a logo), checked before a byte is read. Refused, with `error` saying why
/// (without the file's name): anything that is not a regular file (a FIFO or a device is
/// opened without blocking and never read), a file larger than `max_bytes`, and, when `root`
/// is not empty, a file that resolves (through symbolic links or "..") to a place outside
/// `root`. The place is that of the file actually opened, so a link swapped in between
/// cannot slip past the check.
ReadResult read_confined(const std::filesystem::path& path, const std::filesystem::path& root,
                         std::uint64_t max_bytes);

/// True when `path` resolves (links and ".." followed) to `root` or a place inside it.
/// A path that does not exist is not inside anything.
bool resolves_inside(const std::filesystem::path& path, const std::filesystem::path& root);

/// Reading stopped because the reader was asked to stop (InputStream::stop_on).
struct InputStopped : std::exception {
    const char* what() const noexcept override { return "reading was stopped"; }
};

/// An input read in chunks (a batch extract): a file, or stdin for "-".
class InputStream {
public:
    /// Opens `name` ("-": stdin); nullptr with `error` set (the system's reason, or "is a
    /// directory") when it cannot be read.
    static std::unique_ptr<InputStream> open(std::string_view name, std::string& error);
    /// Reads from `fd`, closing it at the end when `owned`; `size` is 0 when not known.
    InputStream(int fd, bool owned, std::uint64_t size) : fd_(fd), owned_(owned), size_(size) {}
    ~InputStream();
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    /// Appends the next chunk (up to `max_chunk` bytes) to `buf`; false at the end. Throws
    /// std::runtime_error when reading fails, InputStopped once `*stop` (stop_on) is set.
    bool read_more(std::string& buf, std::size_t max_chunk = std::size_t{64} << 10);
    /// From now on read_more checks `*stop` before each chunk and, while waiting for a pipe
    /// or terminal, at least every 100 ms: endless or silent input cannot outlast a SIGTERM.
    void stop_on(const std::atomic<bool>* stop) { stop_ = stop; }
    /// The size of a regular file, for progress; 0 when not known (a pipe).
    std::uint64_t size() const { return size_; }

private:
    /// Waits until fd_ can be read or *stop_ is set; throws InputStopped for the latter.
    void wait_readable() const;

    int fd_;
    bool owned_;
    std::uint64_t size_;
    const std::atomic<bool>* stop_ = nullptr;
};

/// A write failed: what() names the file and the cause; reason() is the system's reason
/// alone ("No space left on device"), for messages that name the file themselves.
class WriteError : public std::runtime_error {
public:
    WriteError(const std::string& what, std::string reason) : std::runtime_error(what), reason_(std::move(reason)) {}
    const std::string& reason() const { return reason_; }

private:
    std::string reason_;
};

/// Told of each temporary file an AtomicFile creates and of its end (renamed into place or
/// removed), so that a program can find the ones a crash left behind by what it recorded,
/// not by their names (a name pattern also matches other people's files).
class TempFileLog {
public:
    virtual ~TempFileLog() = default;
    /// `path` is about to be created (exclusively: an existing file is never taken over).
    virtual void creating(const std::filesystem::path& path) = 0;
    /// Creating `path` failed: whatever is there is not ours.
    virtual void not_created(const std::filesystem::path& path) = 0;
    /// The temporary file `path` (device and inode as fstat gives them) was just created.
    virtual void created(const std::filesystem::path& path, std::uint64_t device, std::uint64_t inode) = 0;
    /// `path` no longer exists under that name.
    virtual void gone(const std::filesystem::path& path) = 0;
};

/// A file written in pieces and published atomically: it is written to `.<name>.XXXXXX`
/// beside the target; commit() fsyncs it, renames it over the target and fsyncs the
/// directory. Destroyed without commit(), it removes the temporary file. Throws WriteError.
/// A caller that publishes many files at once splits commit() into sync() and publish() per
/// file and one sync_directory() for all of them.
class AtomicFile {
public:
    /// `log`, when given, is told of the temporary file (it must outlive this object).
    explicit AtomicFile(std::filesystem::path target, TempFileLog* log = nullptr);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view bytes);
    /// Bytes written so far.
    std::uint64_t offset() const { return offset_ + buf_.size(); }
    void commit();
    /// Writes what is buffered and asks the kernel to start writing it to disk, without
    /// waiting: a later sync() then has less to wait for.
    void start_writeback();
    /// Writes what is buffered, fsyncs and closes the temporary file; it stays unpublished.
    void sync();
    /// Renames the synced temporary file over the target; the directory is not fsynced.
    void publish();

private:
    void flush();
    [[noreturn]] void fail(const std::string& what);

    std::filesystem::path target_;
    std::string temp_;
    TempFileLog* log_ = nullptr;
    int fd_ = -1;
    bool synced_ = false;  ///< closed by sync(); the temporary file waits for publish()
    std::string buf_;
    std::uint64_t offset_ = 0;
};

/// Writes `bytes` to `path` atomically (AtomicFile). "-" writes to stdout, and a device or
/// FIFO (/dev/stdout, /dev/full), which rename cannot replace, is written directly. On
/// failure nothing is left behind and `error` holds the system's reason.
bool write_file(std::string_view path, std::string_view bytes, std::string& error);

/// True for the name of a temporary file AtomicFile leaves behind when killed while
/// writing a file whose name ends with `target_end`: "." + that name + "." + six letters
/// and digits.
bool is_temp_of(std::string_view name, std::string_view target_end);

/// fsyncs a directory (after renames into it); false when that fails.
bool sync_directory(const std::filesystem::path& dir);

/// The directory of the running executable (empty when it cannot be found), where an
/// installation keeps its templates and fonts.
std::filesystem::path executable_dir();

}  // namespace brevgen::io
