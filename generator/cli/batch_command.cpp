#include "cli/batch_command.hpp"

#include <iostream>

#include "batch/batch.hpp"
#include "common/exit_codes.hpp"

namespace brevgen::cli {

CLI::App* add_batch_command(CLI::App& app, Options& options) {
    auto& a = options.batch;
    auto* cmd = app.add_subcommand("batch", "Render every letter order of an extract (NDJSON or XML) into a directory");
    cmd->add_option("EXTRACT", a.extract, "Extract: NDJSON (one order per line) or XML (<ordrer>), or - for stdin")->required();
    cmd->add_option("-o,--output", a.output, "Output directory: <id>.pdf per order and manifest.jsonl")->required();
    cmd->add_option("-j,--jobs", a.jobs, "Worker threads (default: the number of available cores)")->check(CLI::Range(1u, 256u));
    cmd->add_option_function<std::string>(
        "--shard",
        [&a](const std::string& value) {
            a.shard = value;
            a.shard_given = true;
        },
        "K/N: take records K, K+N, K+2N, ... (0-based; N processes split one extract)");
    cmd->add_flag("--resume", a.resume, "Finish an interrupted run in the same directory; skips letters already done");
    cmd->add_option("--print", a.print, "Also write one PDF of every paper-mail letter, each padded to an even page count");
    cmd->add_flag("--memo", options.memo,
                  "Also write <id>.xml, the Digital Post message (MeMo 1.2) holding <id>.pdf; the sender profile "
                  "needs cvr and sagssystem (docs/digital-post.md)");
    return cmd;
}

int run_batch_command(const Options& options, std::shared_ptr<const Engine> engine) {
    const auto& a = options.batch;
    batch::BatchOptions b;
    b.extract = a.extract;
    b.output_dir = a.output;
    b.jobs = a.jobs;
    b.resume = a.resume;
    b.print_file = a.print;
    b.memo = options.memo;
    if (a.shard_given) {
        const auto shard = batch::parse_shard(a.shard);
        if (!shard) {
            std::cerr << "error: --shard: expected K/N with 0 <= K < N, got \"" << a.shard << "\"\n";
            return exit_code::usage;
        }
        b.shard_index = shard->index;
        b.shard_count = shard->count;
    }
    return batch::run_batch(b, std::move(engine));
}

}  // namespace brevgen::cli
