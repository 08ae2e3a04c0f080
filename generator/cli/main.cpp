// brevgen's command line: parses arguments, calls the engine, renders diagnostics.

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "common/exit_codes.hpp"

int main(int argc, char** argv) {
    using namespace brevgen;
    CLI::App app{"brevgen: Danish letters for the sick-leave retention effort, from case data to PDF"};
    app.set_version_flag("--version", std::string("brevgen ") + BREVGEN_VERSION);
    app.require_subcommand(1);
    cli::Options options;
    cli::add_commands(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_code::ok : exit_code::usage;
    }
    return cli::run(options);
}
