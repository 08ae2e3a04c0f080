# brevgen_core settings owned by the fonts and PDF stages; included from the top-level
# CMakeLists.txt right after brevgen_core is defined.

# default_font_dir()'s last resort: the fonts this build tree subset.
set_property(SOURCE ${PROJECT_SOURCE_DIR}/generator/fonts/font_set.cpp APPEND PROPERTY
  COMPILE_DEFINITIONS BREVGEN_BUILD_FONT_DIR="${BREVGEN_FONT_DIR}")

# PNG images are decoded (and alpha flattened for PDF/A-1) with libpng; streams are
# compressed with zlib directly.
find_package(PNG REQUIRED)
find_package(ZLIB REQUIRED)
target_link_libraries(brevgen_core PRIVATE PNG::PNG ZLIB::ZLIB)
