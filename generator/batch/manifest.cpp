#include "batch/manifest.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

#include "common/io.hpp"
#include "batch/sha256.hpp"

namespace brevgen::batch {

namespace {

// ordered: rows read in the order the docs list the fields (record, line, id, kind, status…).
using json = nlohmann::ordered_json;

/// How long rows may sit in the page cache before they are made durable.
constexpr auto sync_interval = std::chrono::seconds(1);

json diagnostics_json(const Diagnostics& ds) {
    json out = json::array();
    for (const auto& d : ds) {
        out.push_back({{"line", d.pos.line}, {"column", d.pos.column}, {"path", d.path}, {"message", d.message}});
    }
    return out;
}

Diagnostics diagnostics_of(const json& list, Severity severity) {
    Diagnostics out;
    if (!list.is_array()) return out;
    for (const auto& j : list) {
        Diagnostic d;
        d.severity = severity;
        d.pos = {j.value("line", 0u), j.value("column", 0u)};
        d.path = j.value("path", "");
        d.message = j.value("message", "");
        out.push_back(std::move(d));
    }
    return out;
}

json optional_string(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

}  // namespace

std::string to_json_line(const Row& row) {
    json j;
    j["record"] = row.record;
    j["line"] = row.line;
    j["id"] = optional_string(row.id);
    j["kind"] = optional_string(row.kind);
    j["status"] = row.ok ? "ok" : "error";
    j["file"] = row.ok ? json(row.file()) : json(nullptr);
    j["pages"] = row.ok ? json(row.pages) : json(nullptr);
    j["bytes"] = row.ok ? json(row.bytes) : json(nullptr);
    j["sha256"] = row.ok ? json(row.sha256) : json(nullptr);
    j["paper"] = row.paper;
    j["inputs"] = row.inputs.empty() ? json(nullptr) : json(row.inputs);
    j["warnings"] = diagnostics_json(row.warnings);
    j["errors"] = diagnostics_json(row.errors);
    // Replacing invalid UTF-8 keeps one odd byte in a message from losing the whole row.
    return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<Row> parse_row(std::string_view line) {
    const json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("record") || !j["record"].is_number_unsigned()) return std::nullopt;
    Row row;
    row.record = j["record"].get<std::uint64_t>();
    row.line = j.value("line", 0u);
    if (j.contains("id") && j["id"].is_string()) row.id = j["id"].get<std::string>();
    if (j.contains("kind") && j["kind"].is_string()) row.kind = j["kind"].get<std::string>();
    row.ok = j.value("status", "") == "ok" && row.id;
    if (row.ok) {
        row.pages = j.value("pages", std::uint64_t{0});
        row.bytes = j.value("bytes", std::uint64_t{0});
        row.sha256 = j.value("sha256", "");
    }
    row.paper = j.value("paper", false);
    if (j.contains("inputs") && j["inputs"].is_string()) row.inputs = j["inputs"].get<std::string>();
    if (j.contains("warnings")) row.warnings = diagnostics_of(j["warnings"], Severity::warning);
    if (j.contains("errors")) row.errors = diagnostics_of(j["errors"], Severity::error);
    return row;
}

ManifestWriter::ManifestWriter(const std::filesystem::path& path, const std::filesystem::path& dir)
    : last_sync_(std::chrono::steady_clock::now()) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error(path.string() + ": cannot open the manifest: " + std::strerror(errno));
    dir_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

ManifestWriter::~ManifestWriter() {
    if (fd_ >= 0) ::close(fd_);
    if (dir_fd_ >= 0) ::close(dir_fd_);
}

void ManifestWriter::append(const Row& row) {
    const std::string line = to_json_line(row);
    std::string_view rest = line;
    while (!rest.empty()) {
        const ssize_t n = ::write(fd_, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error(std::string("cannot write the manifest: ") + std::strerror(errno));
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    dirty_ = true;
}

void ManifestWriter::sync(bool force) {
    const auto now = std::chrono::steady_clock::now();
    if (!dirty_ || (!force && now - last_sync_ < sync_interval)) return;
    // The directory first: a durable row must never name a PDF whose rename is not.
    if (dir_fd_ >= 0) ::fsync(dir_fd_);
    if (::fsync(fd_) != 0) throw std::runtime_error(std::string("cannot write the manifest: ") + std::strerror(errno));
    dirty_ = false;
    last_sync_ = now;
}

namespace {

/// Reads the rows of one run (a stretch of rising record numbers) of a manifest.
class RunCursor {
public:
    RunCursor(const std::filesystem::path& path, std::uint64_t begin, std::uint64_t end) : in_(path, std::ios::binary), left_(end - begin) {
        in_.seekg(static_cast<std::streamoff>(begin));
        advance();
    }
    std::optional<Row> row;
    void advance() {
        row.reset();
        std::string line;
        while (left_ > 0 && std::getline(in_, line)) {
            left_ -= std::min<std::uint64_t>(left_, line.size() + 1);
            if ((row = parse_row(line))) return;
        }
    }

private:
    std::ifstream in_;
    std::uint64_t left_;
};

/// Byte offsets where the manifest's runs start (a row whose record is not above the
/// previous one starts a new run: rows appended by a resumed run), plus the file's end.
std::vector<std::uint64_t> run_starts(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the manifest");
    std::vector<std::uint64_t> starts{0};
    std::optional<std::uint64_t> previous;
    std::uint64_t offset = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (const auto row = parse_row(line)) {
            if (previous && row->record <= *previous) starts.push_back(offset);
            previous = row->record;
        }
        offset += line.size() + (in.eof() ? 0 : 1);
    }
    starts.push_back(offset);
    return starts;
}

bool verified(const Row& row, const std::filesystem::path& dir) {
    if (!row.ok || !row.id) return false;
    std::error_code ec;
    const auto path = dir / row.file();
    if (std::filesystem::file_size(path, ec) != row.bytes || ec) return false;
    const auto sum = sha256_file_hex(path);
    return sum && *sum == row.sha256;
}

}  // namespace

std::uint64_t compact_manifest(const std::filesystem::path& manifest, const std::filesystem::path& dir, const KeepRule& rule) {
    const auto starts = run_starts(manifest);
    std::vector<RunCursor> runs;
    runs.reserve(starts.size() - 1);
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) runs.emplace_back(manifest, starts[i], starts[i + 1]);
    io::AtomicFile out(manifest);
    std::uint64_t kept = 0;
    for (;;) {
        // The smallest record among the runs' heads; on a tie the latest run wins.
        std::size_t best = runs.size();
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (runs[i].row && (best == runs.size() || runs[i].row->record <= runs[best].row->record)) best = i;
        }
        if (best == runs.size()) break;
        const Row row = *runs[best].row;
        for (auto& run : runs) {
            while (run.row && run.row->record == row.record) run.advance();
        }
        if (row.record % rule.shard_count != rule.shard_index) {
            throw WrongShard("the manifest holds record " + std::to_string(row.record) +
                             ", which is not in this shard; is this another shard's directory?");
        }
        if (rule.verify && !verified(row, dir)) continue;
        out.write(to_json_line(row));
        ++kept;
    }
    out.commit();
    return kept;
}

DoneRows::DoneRows(const std::filesystem::path& manifest, std::uint64_t limit) : in_(manifest, std::ios::binary), left_(limit) {
    open_ = static_cast<bool>(in_);
}

const Row* DoneRows::done(std::uint64_t record, std::string_view id, std::string_view inputs) {
    while (open_ && (!row_ || row_->record < record)) {
        std::string line;
        if (left_ == 0 || !std::getline(in_, line)) {
            open_ = false;
            row_.reset();
            break;
        }
        left_ -= std::min<std::uint64_t>(left_, line.size() + 1);
        row_ = parse_row(line);
    }
    // The same record and id is not enough: a corrected record keeps its id.
    if (row_ && row_->record == record && row_->ok && row_->id == id && !inputs.empty() && row_->inputs == inputs) return &*row_;
    return nullptr;
}

}  // namespace brevgen::batch
