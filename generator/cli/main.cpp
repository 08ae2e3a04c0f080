// brevgen's command line: reads the environment once and hands it to the command line.

#include "cli/command_line.hpp"
#include "common/environment.hpp"

int main(int argc, char** argv) {
    brevgen::Settings defaults;
    defaults.environment = brevgen::Environment::from_process();
    return brevgen::cli::run_command_line(argc, argv, defaults);
}
