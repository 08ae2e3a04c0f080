// common/: reading with a limit from files, pipes and devices; atomic writing; the
// environment read once; the message catalogue.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "common/environment.hpp"
#include "common/io.hpp"
#include "common/messages.hpp"
#include "pdf_tools.hpp"

using namespace brevgen;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const char* name) {
    const fs::path dir = test::temp_path(name);
    fs::create_directories(dir);
    return dir;
}

/// Sets an environment variable for the length of a test, then puts back what was there.
class ScopedVariable {
public:
    ScopedVariable(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        ::setenv(name, value, 1);
    }
    ~ScopedVariable() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("io: a file is read whole, a larger one is refused before it is read", "[io]") {
    const auto file = test::write_temp(std::string(5000, 'x'), ".txt");
    const auto whole = io::read_file(file);
    REQUIRE(whole);
    CHECK(whole.bytes->size() == 5000);
    const auto refused = io::read_file(file, 4999);
    CHECK_FALSE(refused);
    CHECK(refused.too_large);
    CHECK(refused.size == 5000u);
    CHECK(refused.error == "the input is 5000 bytes; the limit is 4999");
    CHECK(io::read_file(file, 5000));
}

TEST_CASE("io: a device or a pipe is read no further than the limit", "[io]") {
    const auto zero = io::read_file("/dev/zero", 1 << 20);  // endless: must stop, not hang
    CHECK(zero.too_large);
    CHECK_FALSE(zero.size);
    CHECK(zero.error == "the input is larger than the limit of 1048576 bytes");

    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(::write(fds[1], "abc", 3) == 3);
    ::close(fds[1]);
    io::InputStream pipe(fds[0], true, 0);
    std::string buf;
    while (pipe.read_more(buf, 2)) {
    }
    CHECK(buf == "abc");
}

TEST_CASE("io: what cannot be read says why", "[io]") {
    CHECK(io::read_file("no/such/file").error == "No such file or directory");
    CHECK(io::read_file(".").error == "is a directory");
    std::string error;
    CHECK(io::InputStream::open(".", error) == nullptr);
    CHECK(error == "is a directory");
}

TEST_CASE("io: a file is written whole or not at all, and nothing is left behind", "[io]") {
    const auto dir = fresh_dir("-io");
    std::string error;
    REQUIRE(io::write_file((dir / "a.pdf").string(), "first", error));
    REQUIRE(io::write_file((dir / "a.pdf").string(), "second", error));
    CHECK(io::read_file(dir / "a.pdf").bytes == "second");
    CHECK(entries(dir) == 1);  // no temporary file
    CHECK_FALSE(io::write_file((dir / "missing" / "b.pdf").string(), "x", error));
    CHECK(error == "No such file or directory");
    {
        io::AtomicFile unfinished(dir / "c.pdf");
        unfinished.write("half");
        CHECK(entries(dir) == 2);  // a.pdf and the temporary file
    }
    CHECK(entries(dir) == 1);  // destroyed without commit: gone, and c.pdf never appeared
    CHECK(io::is_temp_of(".c.pdf.Ab12Cd", ".pdf"));
    CHECK_FALSE(io::is_temp_of("c.pdf", ".pdf"));
}

TEST_CASE("environment: read once from the process, SOURCE_DATE_EPOCH checked", "[environment]") {
    {
        ScopedVariable templates("BREVGEN_TEMPLATES", "/srv/skabeloner");
        ScopedVariable dict("BREVGEN_HYPHEN_DICT", "");
        ScopedVariable epoch("SOURCE_DATE_EPOCH", "1764460800");
        const auto env = Environment::from_process();
        CHECK(env.templates_dir == "/srv/skabeloner");
        CHECK(env.hyphen_dict.empty());  // empty counts as unset
        CHECK(env.source_date_epoch == 1764460800);
    }
    ScopedVariable epoch("SOURCE_DATE_EPOCH", "yesterday");
    const auto env = Environment::from_process();
    CHECK_FALSE(env.source_date_epoch);
    CHECK(env.source_date_epoch_error == "SOURCE_DATE_EPOCH: expected seconds since 1970-01-01 (digits only)");
}

TEST_CASE("messages: one wording, values quoted and shortened", "[messages]") {
    const std::vector<std::string> known{"a", "b"};
    CHECK(message::unknown_kind("x\"y", known) == "unknown letter kind \"x\\\"y\"; known kinds: a, b");
    CHECK(message::cannot_read("the case file", "Permission denied") == "cannot read the case file: Permission denied");
    CHECK(message::cannot_write("x.pdf", "") == "cannot write x.pdf");
    std::string shortened(1, '"');  // built piece by piece: GCC 12 warns (wrongly) about "\"" + string
    shortened.append(40, 'a').append("…\"");
    CHECK(quote(std::string(50, 'a')) == shortened);
}
