#pragma once
/// Internal to the batch: the C interface of libbrevgen-print.so (print_copy.cpp), the
/// qpdf-based copier of letters into the --print file, opened with dlopen by PrintFile.

#include <cstddef>

/// Object 1 of the print file is its page tree (the copied pages' /Parent).
inline constexpr int brevgen_print_pages_object = 1;
/// The name dlsym looks up.
inline constexpr const char* brevgen_print_copy_letter_symbol = "brevgen_print_copy_letter";

extern "C" {

/// Where a copied letter goes: callbacks into the PrintFile.
struct BrevgenPrintSink {
    void* context;
    int (*new_object)(void* context);                                      ///< a fresh object number
    void (*emit)(void* context, int id, const char* body, std::size_t size);  ///< one object's body
    void (*page)(void* context, int id, const char* media_box);           ///< a page, in order ("" when none)
};

/// Copies the pages of one letter (PDF bytes) and everything they reach into `sink`;
/// returns 0, or non-zero with a reason in `error` when the letter cannot be read as PDF.
int brevgen_print_copy_letter(const char* pdf, std::size_t size, const BrevgenPrintSink* sink, char* error,
                              std::size_t error_size);
}
