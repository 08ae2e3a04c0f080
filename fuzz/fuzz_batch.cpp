// libFuzzer: the batch extract reader (NDJSON and XML, sniffed) over an in-memory extract:
// cutting it into records, and reading each record with the case readers.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "batch/extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int fd = ::memfd_create("extract", 0);
    if (fd < 0) return 0;
    if (size > 0 && ::write(fd, data, size) != static_cast<ssize_t>(size)) {
        ::close(fd);
        return 0;
    }
    ::lseek(fd, 0, SEEK_SET);
    auto input = std::make_unique<brevgen::batch::Input>(fd, true, size);
    brevgen::ReadLimits limits;
    limits.max_input_bytes = 4096;
    auto reader = brevgen::batch::open_extract(std::move(input), limits);
    for (int i = 0; reader && i < 10000; ++i) {
        if (!reader->next()) break;
    }
    return 0;
}
