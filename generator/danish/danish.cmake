# The Danish word list compiled into brevgen_danish (generator/danish/wordlist.py):
# hyphenation uses it to find the joints of compound words.
set(BREVGEN_DANISH_WORDS /usr/share/dict/danish CACHE FILEPATH
  "Danish word list, one word a line (Debian package wdanish)")
if(NOT EXISTS ${BREVGEN_DANISH_WORDS})
  message(FATAL_ERROR "no Danish word list at ${BREVGEN_DANISH_WORDS}: install wdanish "
                      "(scripts/install-deps.sh) or set BREVGEN_DANISH_WORDS")
endif()
set(_words_cpp ${PROJECT_BINARY_DIR}/generated/danish_words.cpp)
add_custom_command(OUTPUT ${_words_cpp}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/generated
  COMMAND ${BREVGEN_FONT_PYTHON} ${PROJECT_SOURCE_DIR}/generator/danish/wordlist.py
          ${BREVGEN_DANISH_WORDS} ${_words_cpp}
  DEPENDS ${PROJECT_SOURCE_DIR}/generator/danish/wordlist.py ${BREVGEN_DANISH_WORDS}
  COMMENT "Compiling the Danish word list"
  VERBATIM)
target_sources(brevgen_danish PRIVATE ${_words_cpp})
# One 1.4 MB string literal: fine for GCC and clang, past what the standard promises.
set_source_files_properties(${_words_cpp} PROPERTIES COMPILE_OPTIONS -Wno-overlength-strings)
