// Renders one letter N times in one process and reports the time per letter (median of
// the per-letter wall times, each covering read + validate + enrich + merge + layout +
// PDF + writing the file) and the size per page, as one JSON line.
//   brevgen_bench KIND CASE [N] [OUTDIR] [--untagged | --memo]   (N default 500; --untagged:
//   without structure tags and PDF/A, to show what accessibility costs; --memo: the Digital
//   Post message around the PDF, to show what the message costs beyond the letter)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "engine/engine.hpp"

int main(int argc, char** argv) {
    using clock = std::chrono::steady_clock;
    if (argc < 3) {
        std::cerr << "usage: brevgen_bench KIND CASE [N] [OUTDIR]\n";
        return 2;
    }
    const auto t_start = clock::now();
    const std::string kind = argv[1];
    std::ifstream in(argv[2], std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    const int n = argc > 3 ? std::stoi(argv[3]) : 500;
    const std::string out_dir = argc > 4 ? argv[4] : "/tmp";

    const std::string flag = argc > 5 ? argv[5] : "";
    const bool memo = flag == "--memo";
    brevgen::Settings settings;
    settings.tagged_pdf = flag != "--untagged";
    settings.messages = memo;
    auto engine = brevgen::Engine::load(settings);
    brevgen::Renderer renderer(engine);
    const auto t_ready = clock::now();
    std::vector<double> ms;
    std::size_t bytes = 0, pages = 0;
    for (int i = 0; i < n; ++i) {
        const auto t0 = clock::now();
        brevgen::Message letter;
        if (memo) {
            letter = renderer.message(kind, text, {}, brevgen::MessageOptions{0});
        } else {
            static_cast<brevgen::Letter&>(letter) = renderer.render(kind, text);
        }
        if (letter.outcome != brevgen::Outcome::ok) {
            for (const auto& d : letter.diagnostics) std::cerr << brevgen::format_diagnostic(d) << '\n';
            return 1;
        }
        const std::string& bytes_out = memo ? letter.xml : letter.pdf;
        // A new file each time, as the peers' harness writes: rewriting a file in place makes
        // ext4 flush it on close (auto_da_alloc), which on a busy disk cost more than the letter.
        const std::string path = out_dir + "/bench-" + std::to_string(i % 8) + (memo ? ".xml" : ".pdf");
        std::remove(path.c_str());
        std::ofstream(path, std::ios::binary) << bytes_out;
        ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
        bytes = bytes_out.size();
        pages = letter.pages;
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    std::printf("{\"n\": %d, \"median_ms\": %.4f, \"mean_ms\": %.4f, \"min_ms\": %.4f, \"first_ms\": %.4f, "
                "\"setup_ms\": %.2f, \"pages\": %zu, \"bytes\": %zu, \"kb_per_page\": %.2f}\n",
                n, sorted[sorted.size() / 2], std::accumulate(ms.begin(), ms.end(), 0.0) / n, sorted.front(), ms.front(),
                std::chrono::duration<double, std::milli>(t_ready - t_start).count(), pages, bytes,
                static_cast<double>(bytes) / 1024.0 / static_cast<double>(pages));
    return 0;
}
