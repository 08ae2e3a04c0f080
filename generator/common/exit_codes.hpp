#pragma once
/// Process exit codes (sysexits.h values where one fits), shared by every front end.

namespace brevgen::exit_code {
inline constexpr int ok = 0;
inline constexpr int failure = 1;        ///< runtime failure, or some letters of a batch failed
inline constexpr int usage = 2;          ///< bad command line
inline constexpr int data_error = 65;    ///< invalid case data or markup
inline constexpr int no_input = 66;      ///< input missing or unreadable
inline constexpr int software = 70;      ///< internal error (a bug)
inline constexpr int cant_create = 73;   ///< cannot create output
inline constexpr int io_error = 74;      ///< cannot write output
}  // namespace brevgen::exit_code
