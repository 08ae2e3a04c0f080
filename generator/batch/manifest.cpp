#include "batch/manifest.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

#include "common/io.hpp"
#include "batch/ids.hpp"
#include "batch/sha256.hpp"

namespace brevgen::batch {

namespace {

// ordered: rows read in the order the docs list the fields (record, line, id, kind, status…).
using json = nlohmann::ordered_json;

json diagnostics_json(const Diagnostics& ds) {
    json out = json::array();
    for (const auto& d : ds) {
        out.push_back({{"line", d.pos.line}, {"column", d.pos.column}, {"path", d.path}, {"message", d.message}});
    }
    return out;
}

/// Reading rows back trusts nothing: a manifest may be damaged or edited by hand. Each
/// reader returns false for a value of the wrong type instead of throwing.
bool unsigned_of(const json& j, std::uint64_t& out, std::uint64_t max = UINT64_MAX) {
    if (!j.is_number_unsigned() || j.get<std::uint64_t>() > max) return false;
    out = j.get<std::uint64_t>();
    return true;
}

bool diagnostics_of(const json& list, Severity severity, Diagnostics& out) {
    if (!list.is_array()) return false;
    for (const auto& j : list) {
        if (!j.is_object()) return false;
        Diagnostic d;
        d.severity = severity;
        std::uint64_t line = 0, column = 0;
        const auto l = j.find("line"), c = j.find("column"), p = j.find("path"), m = j.find("message");
        if (l == j.end() || !unsigned_of(*l, line, UINT32_MAX) || c == j.end() || !unsigned_of(*c, column, UINT32_MAX)) return false;
        if (p == j.end() || !p->is_string() || m == j.end() || !m->is_string()) return false;
        d.pos = {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
        d.path = p->get<std::string>();
        d.message = m->get<std::string>();
        out.push_back(std::move(d));
    }
    return true;
}

bool is_sha256_hex(const json& j) {
    if (!j.is_string()) return false;
    const auto& s = j.get_ref<const std::string&>();
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

/// A string member, or null/absent (nullopt in `out`); false for any other type.
bool optional_string_of(const json& j, const char* key, std::optional<std::string>& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

/// The row in `j`, or the reason it is not one.
std::optional<Row> row_of_json(const json& j, std::string& why) {
    auto bad = [&why](const char* field) {
        why = std::string("\"") + field + "\" is missing or not what a row holds";
        return std::nullopt;
    };
    if (!j.is_object()) return why = "not a JSON object", std::nullopt;
    Row row;
    std::uint64_t line = 0;
    const auto record = j.find("record"), line_it = j.find("line");
    if (record == j.end() || !unsigned_of(*record, row.record)) return bad("record");
    if (line_it != j.end() && !unsigned_of(*line_it, line, UINT32_MAX)) return bad("line");
    row.line = static_cast<std::uint32_t>(line);
    if (!optional_string_of(j, "id", row.id) || (row.id && check_id(*row.id))) return bad("id");
    if (!optional_string_of(j, "kind", row.kind)) return bad("kind");
    const auto status = j.find("status");
    if (status == j.end() || !status->is_string() || (*status != "ok" && *status != "error")) return bad("status");
    row.ok = *status == "ok";
    if (row.ok) {
        const auto file = j.find("file"), pages = j.find("pages"), bytes = j.find("bytes"), sum = j.find("sha256");
        if (!row.id) return bad("id");
        if (file == j.end() || *file != row.file()) return bad("file");
        if (pages == j.end() || !unsigned_of(*pages, row.pages)) return bad("pages");
        if (bytes == j.end() || !unsigned_of(*bytes, row.bytes)) return bad("bytes");
        if (sum == j.end() || !is_sha256_hex(*sum)) return bad("sha256");
        row.sha256 = sum->get<std::string>();
    }
    if (const auto paper = j.find("paper"); paper != j.end()) {
        if (!paper->is_boolean()) return bad("paper");
        row.paper = paper->get<bool>();
    }
    if (const auto memo = j.find("memo"); row.ok && memo != j.end() && !memo->is_null()) {
        if (!memo->is_object()) return bad("memo");
        const auto file = memo->find("file"), bytes = memo->find("bytes"), sum = memo->find("sha256"),
                   uuid = memo->find("message_uuid");
        MemoFile m;
        if (file == memo->end() || *file != row.memo_file()) return bad("memo/file");
        if (bytes == memo->end() || !unsigned_of(*bytes, m.bytes)) return bad("memo/bytes");
        if (sum == memo->end() || !is_sha256_hex(*sum)) return bad("memo/sha256");
        if (uuid == memo->end() || !uuid->is_string()) return bad("memo/message_uuid");
        m.sha256 = sum->get<std::string>();
        m.message_uuid = uuid->get<std::string>();
        row.memo = std::move(m);
    }
    std::optional<std::string> inputs;
    if (!optional_string_of(j, "inputs", inputs)) return bad("inputs");
    row.inputs = inputs.value_or("");
    if (const auto w = j.find("warnings"); w != j.end() && !diagnostics_of(*w, Severity::warning, row.warnings)) return bad("warnings");
    if (const auto e = j.find("errors"); e != j.end() && !diagnostics_of(*e, Severity::error, row.errors)) return bad("errors");
    return row;
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
    if (row.ok && row.memo) {
        j["memo"] = {{"file", row.memo_file()},
                     {"bytes", row.memo->bytes},
                     {"sha256", row.memo->sha256},
                     {"message_uuid", row.memo->message_uuid}};
    }
    j["inputs"] = row.inputs.empty() ? json(nullptr) : json(row.inputs);
    j["warnings"] = diagnostics_json(row.warnings);
    j["errors"] = diagnostics_json(row.errors);
    // Replacing invalid UTF-8 keeps one odd byte in a message from losing the whole row.
    return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<Row> parse_row(std::string_view line, std::string* why) {
    std::string reason;
    std::optional<Row> row;
    try {
        const json j = json::parse(line, nullptr, false);
        if (j.is_discarded()) {
            reason = "not JSON";
        } else {
            row = row_of_json(j, reason);
        }
    } catch (const std::exception& e) {  // row_of_json checks every type; this is the last net
        reason = e.what();
        row.reset();
    }
    if (why) *why = std::move(reason);
    return row;
}

ManifestWriter::ManifestWriter(const std::filesystem::path& path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error(path.string() + ": cannot open the manifest: " + std::strerror(errno));
}

ManifestWriter::~ManifestWriter() {
    if (fd_ >= 0) ::close(fd_);
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

void ManifestWriter::sync() {
    if (!dirty_) return;
    if (::fsync(fd_) != 0) throw std::runtime_error(std::string("cannot write the manifest: ") + std::strerror(errno));
    dirty_ = false;
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

}  // namespace

ManifestScan scan_manifest(std::istream& in) {
    ManifestScan scan;
    scan.run_starts.push_back(0);
    std::optional<std::uint64_t> previous;
    std::uint64_t offset = 0, number = 0;
    std::string line, why;
    while (std::getline(in, line)) {
        ++number;
        const bool cut = in.eof();  // the last line has no newline: a run stopped writing it
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            // blank: nothing to read, nothing lost
        } else if (const auto row = parse_row(line, &why)) {
            if (previous && row->record <= *previous) scan.run_starts.push_back(offset);
            previous = row->record;
        } else {
            if (scan.damaged.size() < 10) scan.damaged.push_back({number, cut ? "the row is cut short" : why});
            ++scan.damaged_count;
        }
        offset += line.size() + (cut ? 0 : 1);
    }
    scan.run_starts.push_back(offset);
    return scan;
}

namespace {

/// True when the file has exactly the recorded size and digest.
bool intact(const std::filesystem::path& path, std::uint64_t bytes, const std::string& sha256) {
    std::error_code ec;
    if (std::filesystem::file_size(path, ec) != bytes || ec) return false;
    const auto sum = sha256_file_hex(path);
    return sum && *sum == sha256;
}

bool verified(const Row& row, const std::filesystem::path& dir) {
    if (!row.ok || !row.id) return false;
    if (row.memo && !intact(dir / row.memo_file(), row.memo->bytes, row.memo->sha256)) return false;
    return intact(dir / row.file(), row.bytes, row.sha256);
}

}  // namespace

Compacted compact_manifest(const std::filesystem::path& manifest, const std::filesystem::path& dir, const KeepRule& rule,
                           io::TempFileLog* log) {
    std::ifstream in(manifest, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the manifest");
    auto scan = scan_manifest(in);
    const auto& starts = scan.run_starts;
    Compacted result{0, std::move(scan.damaged), scan.damaged_count};
    std::vector<RunCursor> runs;
    runs.reserve(starts.size() - 1);
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) runs.emplace_back(manifest, starts[i], starts[i + 1]);
    io::AtomicFile out(manifest, log);
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
        ++result.kept;
    }
    out.commit();
    return result;
}

DoneRows::DoneRows(const std::filesystem::path& manifest, std::uint64_t limit, bool need_memo)
    : in_(manifest, std::ios::binary), left_(limit), need_memo_(need_memo) {
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
    if (row_ && row_->record == record && row_->ok && row_->id == id && !inputs.empty() && row_->inputs == inputs &&
        (row_->memo || !need_memo_)) {
        return &*row_;
    }
    return nullptr;
}

}  // namespace brevgen::batch
