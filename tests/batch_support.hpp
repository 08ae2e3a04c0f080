#pragma once
/// Helpers for the batch tests: extracts made from the example cases, the manifest read
/// back, and a brevgen process the test can kill.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

extern char** environ;

namespace brevgen::test::batch {

namespace fs = std::filesystem;
using nlohmann::json;

/// An example case (examples/KIND*.json) and its XML twin, ready to be stamped with a
/// journal number of its own.
struct Example {
    std::string kind;
    json case_json;
    std::string case_xml;  ///< the <sag> element, without the XML declaration
};

/// The six example cases, one-page indkaldelse-arbejdsgiver first.
/// The --jobs the batch tests run with: 2 (each worker writes its letters' files), or what
/// BREVGEN_TEST_BATCH_JOBS says; ctest runs the [batch] tests once more with 1, where the
/// collector writes them (tests/CMakeLists.txt).
inline std::string batch_test_jobs() {
    const char* jobs = std::getenv("BREVGEN_TEST_BATCH_JOBS");
    return jobs != nullptr && *jobs != '\0' ? jobs : "2";
}

inline const std::vector<Example>& examples() {
    static const std::vector<Example> all = [] {
        std::vector<Example> out;
        for (const char* name : {"indkaldelse-arbejdsgiver", "indkaldelse", "information-medarbejder",
                                 "information-arbejdsgiver", "optrapningsplan", "referat"}) {
            const fs::path base = fs::path("examples") / name;
            Example e;
            e.kind = kind_of(base.string() + ".json");
            e.case_json = json::parse(slurp(base.string() + ".json"));
            const std::string xml = slurp(base.string() + ".xml");
            e.case_xml = xml.substr(xml.find("<sag>"));
            out.push_back(std::move(e));
        }
        return out;
    }();
    return all;
}

/// The journal number of order `n` (every letter differs).
inline std::string journal(int n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "2026-%07d", n);
    return buf;
}

/// The id of order `n`.
inline std::string order_id(int n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "T-%06d", n);
    return buf;
}

/// One NDJSON line (no newline) for order `n` made from `e`.
inline std::string ndjson_order(const Example& e, int n, bool paper = false) {
    json c = e.case_json;
    c["journalnummer"] = journal(n);
    if (paper) c["forsendelse"] = "papir";
    return json{{"id", order_id(n)}, {"kind", e.kind}, {"case", c}}.dump();
}

/// The same order as an XML record.
inline std::string xml_order(const Example& e, int n, bool paper = false) {
    std::string c = e.case_xml;
    const std::string from = "<journalnummer>2026-004711</journalnummer>";
    c.replace(c.find(from), from.size(), "<journalnummer>" + journal(n) + "</journalnummer>");
    if (paper) {
        const std::string digital = "<forsendelse>digitalpost</forsendelse>";
        const auto at = c.find(digital);
        if (at != std::string::npos) c.replace(at, digital.size(), "<forsendelse>papir</forsendelse>");
        else c.insert(c.find("<journalnummer>"), "<forsendelse>papir</forsendelse>");
    }
    return "<ordre id=\"" + order_id(n) + "\" kind=\"" + e.kind + "\">" + c + "</ordre>";
}

/// Where this process's batch tests write (thousands of PDFs per run): removed when the
/// process ends, unless BREVGEN_KEEP_TEST_FILES is set (to look at a failure).
inline fs::path scratch_root() {
    struct Root {
        fs::path path = temp_path("-batch");
        Root() { fs::create_directories(path); }
        ~Root() {
            std::error_code ec;
            if (std::getenv("BREVGEN_KEEP_TEST_FILES") == nullptr) fs::remove_all(path, ec);
        }
    };
    static const Root root;
    return root.path;
}

/// A fresh path in the scratch directory.
inline fs::path scratch(std::string_view name) {
    static int counter = 0;
    return scratch_root() / (std::to_string(++counter) + "-" + std::string(name));
}

/// Writes `lines`, one per line, to a new file in the scratch directory.
inline fs::path write_lines(const std::vector<std::string>& lines, std::string_view suffix = ".ndjson") {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    const auto path = scratch(std::string("extract") + std::string(suffix));
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// The manifest's rows (complete lines only: a killed run may leave half a line).
inline std::vector<json> manifest(const fs::path& dir, const std::string& name = "manifest.jsonl") {
    std::vector<json> rows;
    std::istringstream in(slurp(dir / name));
    std::string line;
    while (std::getline(in, line)) {
        auto row = json::parse(line, nullptr, false);
        if (!row.is_discarded()) rows.push_back(std::move(row));
    }
    return rows;
}

/// "LINE:COL" of a byte offset in `text`, as brevgen counts them (columns in characters).
inline std::string position(std::string_view text, std::size_t offset) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

/// The PDFs in a directory, by file name.
inline std::set<std::string> pdfs(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".pdf" && e.path().filename().string()[0] != '.') out.insert(e.path().filename().string());
    }
    return out;
}

/// Files whose name starts with '.' other than the lock: temp files left behind.
inline std::vector<std::string> temp_files(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto name = e.path().filename().string();
        if (name[0] == '.' && name != ".brevgen-batch.lock") out.push_back(name);
    }
    return out;
}

/// A brevgen process running in the background (stdout and stderr to /dev/null).
struct Background {
    pid_t pid = -1;

    /// Runs brevgen with `args`; `stdin_fd` >= 0 becomes its standard input.
    explicit Background(const std::vector<std::string>& args, int stdin_fd = -1) {
        std::vector<std::string> argv_s{BREVGEN_TEST_BINARY};
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_s) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        if (stdin_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    /// Sends `sig` and waits up to `seconds` for the process to end; then SIGKILL. Returns
    /// its wait status; `in_time` says whether it ended by itself in time.
    int kill_and_wait(int sig, double seconds, bool& in_time) {
        ::kill(pid, sig);
        int status = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            if (::waitpid(pid, &status, WNOHANG) == pid) return in_time = true, status;
            ::usleep(10'000);
        }
        in_time = false;
        return kill_and_wait(SIGKILL);
    }
    /// Sends `sig` and waits for the process to end; returns its wait status.
    int kill_and_wait(int sig) {
        ::kill(pid, sig);
        int status = 0;
        ::waitpid(pid, &status, 0);
        return status;
    }
};

/// The PDFs in `dir` that `qpdf --check` finds damaged, one per line (two qpdf processes
/// at a time).
inline std::string qpdf_check_all(const fs::path& dir) {
    return run("cd " + quote(dir) + " && ls | grep '[.]pdf$' | xargs -P 2 -n 25 sh -c "
               "'for f; do qpdf --check \"$f\" >/dev/null 2>&1 || echo \"$f\"; done' sh");
}

/// An inode and modification time: a re-rendered file gets a new inode (temp + rename).
struct FileStamp {
    ino_t inode = 0;
    long long mtime_ns = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

inline FileStamp stamp(const fs::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return {st.st_ino, static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

}  // namespace brevgen::test::batch
