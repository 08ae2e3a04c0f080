// The print file's own objects (page tree, catalog, cross-reference table); each letter
// is copied into it by libbrevgen-print.so (print_copy.cpp, built on qpdf), opened here
// the first time a batch asks for a print file.

#include "batch/print_file.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "batch/print_copy.hpp"

namespace brevgen::batch {

namespace {

/// Object 1 is the page tree, 2 the catalog and 3 the document information; all are
/// written last.
constexpr int pages_object = brevgen_print_pages_object, catalog_object = 2, info_object = 3;

using CopyLetter = decltype(&brevgen_print_copy_letter);

/// The copier, from the module beside the executable (an installation), else the build
/// tree's; opened once per process and kept.
CopyLetter copy_letter_function() {
    static const auto loaded = []() -> std::pair<CopyLetter, std::string> {
        std::string errors;
        std::vector<std::filesystem::path> candidates;
        if (const auto exe = io::executable_dir(); !exe.empty()) {
            candidates.push_back(exe / "libbrevgen-print.so");
            candidates.push_back(exe / ".." / "lib" / "brevgen" / "libbrevgen-print.so");
        }
        candidates.emplace_back(BREVGEN_PRINT_MODULE);
        for (const auto& path : candidates) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(path, ec)) continue;
            void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (lib == nullptr) {
                const char* why = dlerror();
                errors = why != nullptr ? why : path.string();
                continue;
            }
            if (auto* f = reinterpret_cast<CopyLetter>(dlsym(lib, brevgen_print_copy_letter_symbol))) return {f, {}};
            errors = path.string() + ": no " + brevgen_print_copy_letter_symbol;
        }
        return {nullptr, errors.empty() ? "libbrevgen-print.so not found beside the executable" : errors};
    }();
    if (loaded.first == nullptr) throw std::runtime_error("cannot make print files: " + loaded.second);
    return loaded.first;
}

}  // namespace

PrintFile::PrintFile(const std::filesystem::path& target, io::TempFileLog* log)
    : target_(target), file_(target, log), offsets_(4, 0) {
    copy_letter_ = copy_letter_function();
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
    struct Letter {
        PrintFile* self;
        std::vector<int> pages;
        std::string media_box = "[0 0 595.276 841.89]";
    } letter{this, {}};
    BrevgenPrintSink sink{
        &letter,
        [](void* c) { return static_cast<Letter*>(c)->self->new_object(); },
        [](void* c, int id, const char* body, std::size_t size) {
            auto* self = static_cast<Letter*>(c)->self;
            self->begin_object(id);
            self->file_.write(std::string_view(body, size));
            self->file_.write("\nendobj\n");
        },
        [](void* c, int id, const char* box) {
            auto* l = static_cast<Letter*>(c);
            l->pages.push_back(id);
            if (*box != '\0') l->media_box = box;
        },
    };
    char error[512] = "";
    if (copy_letter_(pdf.data(), pdf.size(), &sink, error, sizeof error) != 0)
        throw std::runtime_error(std::string("cannot read the letter as PDF: ") + error);
    auto& pages = letter.pages;
    const auto& media_box = letter.media_box;
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
