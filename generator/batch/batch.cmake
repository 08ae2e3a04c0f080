# brevgen_core settings owned by the batch stage; included from the top-level
# CMakeLists.txt right after brevgen_core is defined.

# The --print file is assembled with qpdf's parser (libqpdf-dev); it stays inside
# generator/batch/. SHA-256 (manifest checksums, message ids) is OpenSSL's libcrypto
# (libssl-dev), wrapped once in generator/common/sha256.hpp.
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(brevgen_core PRIVATE PkgConfig::QPDF OpenSSL::Crypto)
# qpdf 11 asks its users to say how far they moved from PointerHolder to std::shared_ptr:
# all the way (4).
set_property(SOURCE ${PROJECT_SOURCE_DIR}/generator/batch/print_file.cpp APPEND PROPERTY
  COMPILE_DEFINITIONS POINTERHOLDER_TRANSITION=4)
