// The test runner's entry point lives alone so that Catch2's main is compiled once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
