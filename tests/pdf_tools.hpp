#pragma once
/// Test helpers: run the command-line PDF tools (poppler-utils, qpdf, PDFBox Preflight)
/// on files the tests write. Header-only so any test file can include it.

#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>

namespace brevgen::test {

/// Runs a shell command and returns what it wrote to stdout; `exit_code` (if given)
/// receives its exit status (-1 when it did not exit normally).
inline std::string run(const std::string& cmd, int* exit_code = nullptr) {
    std::string out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run: " + cmd);
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    if (exit_code != nullptr) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

/// Quotes a path for the shell.
inline std::string quote(const std::filesystem::path& path) {
    std::string q = "'";
    for (char c : path.string()) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// A fresh file name in the test work directory (BREVGEN_TEST_WORK_DIR, else the system
/// temp directory), unique within this process.
inline std::filesystem::path temp_path(std::string_view suffix) {
#ifdef BREVGEN_TEST_WORK_DIR
    std::filesystem::path dir = BREVGEN_TEST_WORK_DIR;
#else
    std::filesystem::path dir = std::filesystem::temp_directory_path();
#endif
    std::filesystem::create_directories(dir);
    static std::atomic<int> counter{0};
    return dir / ("t" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + std::string(suffix));
}

/// Writes `bytes` to a new temporary file and returns its path.
inline std::string write_temp(std::string_view bytes, std::string_view suffix = ".pdf") {
    const auto path = temp_path(suffix);
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path.string();
}

/// The text of a PDF as `pdftotext` extracts it (UTF-8, reading order); whatever it
/// printed on stderr goes to `warnings`.
inline std::string pdftotext(const std::string& path, std::string* warnings = nullptr) {
    const auto err = temp_path(".err");
    std::string text = run("pdftotext -enc UTF-8 " + quote(path) + " - 2>" + quote(err));
    if (warnings != nullptr) {
        std::ifstream in(err);
        *warnings = {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    std::filesystem::remove(err);
    return text;
}

/// Page count from pdfinfo, or -1 when pdfinfo cannot read the file.
inline int page_count(const std::string& path) {
    const std::string info = run("pdfinfo " + quote(path) + " 2>/dev/null");
    const auto at = info.find("Pages:");
    if (at == std::string::npos) return -1;
    return std::stoi(info.substr(at + 6));
}

/// The classpath for Debian's PDFBox Preflight (libpdfbox2-java; it also needs
/// libactivation-java and libjaxb-api-java on Java 17), or "" when a jar is missing.
inline std::string preflight_classpath() {
    const char* jars[] = {"preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
                          "javax.activation.jar", "jaxb-api.jar"};
    std::string cp;
    for (const char* jar : jars) {
        const std::filesystem::path path = std::filesystem::path("/usr/share/java") / jar;
        if (!std::filesystem::exists(path)) return {};
        cp += (cp.empty() ? "" : ":") + path.string();
    }
    return cp;
}

}  // namespace brevgen::test
