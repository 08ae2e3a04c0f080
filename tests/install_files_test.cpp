// The files brevgen needs beside its executable: a missing output-intent profile is an
// error at start-up that names the file and where it belongs, before any letter — never a
// crash, never a half-written PDF.

#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_support.hpp"

using namespace brevgen::test;
namespace fs = std::filesystem;

TEST_CASE("a missing sRGB profile stops brevgen at start-up with the file named, not with a crash", "[cli][install]") {
    // The executable is copied where no icc/ is beside it, and the source tree's icc/
    // (the last place looked in) is hidden by an empty directory in a mount namespace of
    // its own: what a deployment that forgot the profile sees.
    const fs::path dir = fs::path(temp_path("")).parent_path() / ("install-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "empty");
    fs::copy_file(BREVGEN_TEST_BINARY, dir / "brevgen");
    const fs::path source_icc = fs::absolute("icc");
    const fs::path out = dir / "letter.pdf";
    const std::string inner = "mount --bind " + quote(dir / "empty") + " " + quote(source_icc) + " || exit 99; " +
                              quote(dir / "brevgen") + " render indkaldelse examples/indkaldelse-arbejdsgiver.json -o " +
                              quote(out) + " 2>" + quote(dir / "err") + "; echo $?";
    int code = -1;
    const std::string status = run("unshare -m sh -c " + quote(inner) + " 2>/dev/null", &code);
    if (code != 0 || status.empty() || status.rfind("99", 0) == 0) {
        WARN("no mount namespace here (unshare -m needs root): not checked");
        return;
    }
    const std::string err = slurp(dir / "err");
    INFO(err);
    CHECK(std::stoi(status) != 0);
    CHECK(std::stoi(status) < 128);  // an exit, not a signal such as SIGABRT
    CHECK_THAT(err, Catch::Contains("brevgen-srgb.icc"));
    CHECK_THAT(err, Catch::Contains("install icc/brevgen-srgb.icc into bin/icc"));
    CHECK_THAT(err, !Catch::Contains("terminate called"));
    CHECK_FALSE(fs::exists(out));
    fs::remove_all(dir);
}
