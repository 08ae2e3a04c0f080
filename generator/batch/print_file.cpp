// qpdf parses each letter; the objects its pages reach are written out here with new
// numbers, one letter at a time, so no letter stays in memory after it was appended.

#include "batch/print_file.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <stdexcept>

namespace brevgen::batch {

namespace {

/// Object 1 is the page tree, 2 the catalog and 3 the document information; all are
/// written last.
constexpr int pages_object = 1, catalog_object = 2, info_object = 3;

/// Page keys that tie a page to its own letter's structure tree or interactive features.
bool dropped_page_key(const std::string& key) {
    return key == "/Parent" || key == "/StructParents" || key == "/Annots" || key == "/B" || key == "/Tabs";
}

/// Copies one letter: renumbers every object its pages reach.
class LetterCopy {
public:
    LetterCopy(std::function<int()> new_object, std::function<void(int, const std::string&)> emit)
        : new_object_(std::move(new_object)), emit_(std::move(emit)) {}

    int page(QPDFObjectHandle page) { return ref(page, true); }

    /// Writes every object referenced so far (and what they reference).
    void drain() {
        while (!todo_.empty()) {
            auto [h, id, is_page] = todo_.front();
            todo_.pop_front();
            std::string out;
            if (is_page) {
                out += "<< ";
                for (auto item : h.ditems()) {
                    if (dropped_page_key(item.first)) continue;
                    out += QPDFObjectHandle::newName(item.first).unparse() + ' ';
                    value(out, item.second);
                    out += ' ';
                }
                out += "/Parent " + std::to_string(pages_object) + " 0 R >>";
            } else if (h.isStream()) {
                stream(out, h);
            } else {
                direct(out, h);
            }
            emit_(id, out);
        }
    }

private:
    struct Pending {
        QPDFObjectHandle handle;
        int id;
        bool is_page;
    };

    int ref(QPDFObjectHandle h, bool is_page = false) {
        const auto [it, fresh] = ids_.try_emplace(h.getObjGen(), 0);
        if (fresh) {
            it->second = new_object_();
            todo_.push_back({h, it->second, is_page});
        }
        return it->second;
    }

    void value(std::string& out, QPDFObjectHandle h) {
        if (h.isIndirect()) {
            out += std::to_string(ref(h)) + " 0 R";
        } else {
            direct(out, h);
        }
    }

    /// An object's own content (the object may be indirect: its body is written here).
    void direct(std::string& out, QPDFObjectHandle h) {
        if (h.isArray()) {
            out += '[';
            for (auto item : h.aitems()) {
                value(out, item);
                out += ' ';
            }
            out += ']';
        } else if (h.isDictionary()) {
            out += "<<";
            for (auto item : h.ditems()) {
                out += QPDFObjectHandle::newName(item.first).unparse() + ' ';
                value(out, item.second);
                out += ' ';
            }
            out += ">>";
        } else {
            out += h.unparse();
        }
    }

    /// A stream with its data as stored (still compressed) and a /Length to match.
    void stream(std::string& out, QPDFObjectHandle h) {
        const auto data = h.getRawStreamData();
        out += "<<";
        for (auto item : h.getDict().ditems()) {
            if (item.first == "/Length") continue;
            out += QPDFObjectHandle::newName(item.first).unparse() + ' ';
            value(out, item.second);
            out += ' ';
        }
        out += "/Length " + std::to_string(data->getSize()) + ">>\nstream\n";
        out.append(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        out += "\nendstream";
    }

    std::function<int()> new_object_;
    std::function<void(int, const std::string&)> emit_;
    std::map<QPDFObjGen, int> ids_;
    std::deque<Pending> todo_;
};

}  // namespace

PrintFile::PrintFile(const std::filesystem::path& target, io::TempFileLog* log)
    : target_(target), file_(target, log), offsets_(4, 0) {
    // The binary comment line tells transfer programs that the file is not text; the next
    // one tells a later run that it may replace this file.
    file_.write(print_file_mark);
}

PrintFile::~PrintFile() = default;

int PrintFile::new_object() {
    offsets_.push_back(0);
    return static_cast<int>(offsets_.size() - 1);
}

void PrintFile::begin_object(int id) {
    offsets_[static_cast<std::size_t>(id)] = file_.offset();
    file_.write(std::to_string(id) + " 0 obj\n");
}

void PrintFile::append(std::string_view pdf) {
    QPDF doc;
    doc.setSuppressWarnings(true);
    doc.setAttemptRecovery(false);
    std::vector<int> pages;
    std::string media_box = "[0 0 595.276 841.89]";
    try {
        doc.processMemoryFile("letter", pdf.data(), pdf.size());
        doc.pushInheritedAttributesToPage();
        LetterCopy copy([this] { return new_object(); },
                        [this](int id, const std::string& body) {
                            begin_object(id);
                            file_.write(body);
                            file_.write("\nendobj\n");
                        });
        for (auto& page : QPDFPageDocumentHelper(doc).getAllPages()) {
            pages.push_back(copy.page(page.getObjectHandle()));
            if (auto box = page.getObjectHandle().getKey("/MediaBox"); box.isArray()) media_box = box.unparseResolved();
        }
        copy.drain();
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("cannot read the letter as PDF: ") + e.what());
    }
    if (pages.empty() || doc.anyWarnings()) throw std::runtime_error("cannot read the letter as PDF: it is damaged");
    if (pages.size() % 2 != 0) {
        // Duplex: the next letter starts on a new sheet.
        const int blank = new_object();
        begin_object(blank);
        file_.write("<< /Type /Page /Parent " + std::to_string(pages_object) + " 0 R /MediaBox " + media_box +
                    " /Resources << >> >>\nendobj\n");
        pages.push_back(blank);
    }
    kids_.insert(kids_.end(), pages.begin(), pages.end());
    ++letters_;
}

void PrintFile::finish() {
    begin_object(pages_object);
    file_.write("<< /Type /Pages /Count " + std::to_string(kids_.size()) + " /Kids [");
    for (const int kid : kids_) file_.write(std::to_string(kid) + " 0 R ");
    file_.write("] >>\nendobj\n");
    begin_object(catalog_object);
    file_.write("<< /Type /Catalog /Pages " + std::to_string(pages_object) + " 0 R >>\nendobj\n");
    begin_object(info_object);
    file_.write("<< /Producer (brevgen print file) >>\nendobj\n");
    const auto xref = file_.offset();
    file_.write("xref\n0 " + std::to_string(offsets_.size()) + "\n0000000000 65535 f \n");
    char entry[32];
    for (std::size_t i = 1; i < offsets_.size(); ++i) {
        // An object numbered for a letter that then failed to copy was never written: free.
        std::snprintf(entry, sizeof entry, "%010llu %s \n", static_cast<unsigned long long>(offsets_[i]),
                      offsets_[i] ? "00000 n" : "00001 f");
        file_.write(entry);
    }
    file_.write("trailer\n<< /Size " + std::to_string(offsets_.size()) + " /Root " + std::to_string(catalog_object) +
                " 0 R /Info " + std::to_string(info_object) + " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n");
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(target_, ec)) && !is_brevgen_print_file(target_)) {
        throw std::runtime_error("not written: a file that is not a print file brevgen wrote took its name meanwhile");
    }
    file_.commit();
}

bool is_brevgen_print_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st {};
    std::string head(print_file_mark.size(), '\0');
    const bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                    ::pread(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size());
    ::close(fd);
    return ok && head == print_file_mark;
}

namespace {

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

}  // namespace

std::optional<std::string> refuse_print_target(const std::filesystem::path& print, const std::filesystem::path& output_dir,
                                               const std::string& extract) {
    namespace fs = std::filesystem;
    struct stat dir {}, st {};
    if (::stat(output_dir.c_str(), &dir) != 0) return std::nullopt;  // the output directory reports its own errors
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(fs::absolute(print, ec), ec);
    // The print file's directory or any above it being the output directory means inside.
    for (fs::path p = resolved.parent_path(); !p.empty(); p = p.parent_path()) {
        if (::stat(p.c_str(), &st) == 0 && same_file(st, dir)) {
            return "the print file must not be inside the output directory " + output_dir.string() +
                   " (it could replace a letter or the manifest); choose a file outside it";
        }
        if (p == p.parent_path()) break;
    }
    if (::stat(print.c_str(), &st) != 0) return std::nullopt;  // not there yet: fine
    struct stat in {};
    const bool have_extract = extract == "-" ? ::fstat(STDIN_FILENO, &in) == 0 : ::stat(extract.c_str(), &in) == 0;
    if (have_extract && same_file(st, in)) return "the print file must not be the extract";
    if (S_ISDIR(st.st_mode)) return "the print file is a directory";
    if (!is_brevgen_print_file(print)) {
        return "the file exists and is not a print file brevgen wrote; brevgen replaces only its own print files "
               "(move it away or choose another name)";
    }
    return std::nullopt;
}

}  // namespace brevgen::batch
