// Independent readers beside poppler, qpdf and PDFBox: mupdf and Ghostscript must draw
// every example letter without an error or a warning about the file. The PDF writer
// serialises libharu's objects itself, so a reader that parses differently is the check
// that the bytes mean what the other tools think they mean.

#include <catch2/catch.hpp>

#include "cli_support.hpp"
#include "pdf_tools.hpp"

using namespace brevgen::test;

namespace {

/// Lines of a reader's output that say something about the file. Debian's mupdf is built
/// without colour management and says so on every file with an ICC profile; that line is
/// about the tool, not the letter.
std::string complaints(const std::string& output) {
    std::string out;
    std::size_t at = 0;
    while (at < output.size()) {
        std::size_t end = output.find('\n', at);
        if (end == std::string::npos) end = output.size();
        const std::string line = output.substr(at, end - at);
        if (!line.empty() && line != "warning: ICC support is not available") out += line + "\n";
        at = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("mupdf and Ghostscript draw every example letter without a complaint", "[pdf][readers]") {
    for (const auto& file : case_files(".json")) {
        if (file.parent_path() != "examples") continue;
        const auto pdf = render_case(file);
        int code = -1;
        const std::string mupdf = run("mutool draw -q -F pnm -o /dev/null " + quote(pdf) + " 2>&1", &code);
        INFO(file << "\nmutool: " << mupdf);
        CHECK(code == 0);
        CHECK(complaints(mupdf).empty());
        code = -1;
        const std::string gs = run("gs -q -dNOPAUSE -dBATCH -dSAFER -dPDFSTOPONERROR -sDEVICE=nullpage " + quote(pdf) + " 2>&1", &code);
        INFO("gs: " << gs);
        CHECK(code == 0);
        CHECK(gs.empty());
    }
}

TEST_CASE("the reader check hears a damaged file", "[pdf][readers]") {
    // The check above must be able to fail: a letter whose page content is damaged.
    const auto pdf = render_case("examples/indkaldelse.json");
    std::string bytes = slurp(pdf);
    const auto contents = bytes.find("/Contents ");
    REQUIRE(contents != std::string::npos);
    const std::string object = "\n" + std::to_string(std::stoi(bytes.substr(contents + 10))) + " 0 obj";
    const auto at = bytes.find("stream\n", bytes.find(object));
    REQUIRE(at != std::string::npos);
    for (std::size_t i = at + 17; i < at + 67 && i < bytes.size(); ++i) bytes[i] = 'x';
    const auto damaged = write_temp(bytes);
    int code = -1;
    const std::string mupdf = run("mutool draw -q -F pnm -o /dev/null " + quote(damaged) + " 2>&1", &code);
    const std::string gs = run("gs -q -dNOPAUSE -dBATCH -dSAFER -dPDFSTOPONERROR -sDEVICE=nullpage " + quote(damaged) + " 2>&1", &code);
    CHECK_FALSE(complaints(mupdf).empty());
    CHECK_FALSE(gs.empty());
}
