# The plan page (GET /plan) is served from the binary: its files are compiled in.
# Included from the top-level CMakeLists.txt right after brevgen_core is defined.
set(BREVGEN_PLAN_FILES page.html plan.css plan-case.js plan.js icon.svg)
set(BREVGEN_PLAN_DIR ${PROJECT_SOURCE_DIR}/generator/http/plan)
set(BREVGEN_PLAN_CPP ${PROJECT_BINARY_DIR}/generated/plan_assets.cpp)
list(TRANSFORM BREVGEN_PLAN_FILES PREPEND ${BREVGEN_PLAN_DIR}/ OUTPUT_VARIABLE BREVGEN_PLAN_PATHS)
add_custom_command(
  OUTPUT ${BREVGEN_PLAN_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${BREVGEN_PLAN_CPP} -DSOURCE_DIR=${BREVGEN_PLAN_DIR}
          "-DFILES=${BREVGEN_PLAN_FILES}" -P ${BREVGEN_PLAN_DIR}/embed.cmake
  DEPENDS ${BREVGEN_PLAN_PATHS} ${BREVGEN_PLAN_DIR}/embed.cmake
  COMMENT "Embedding the plan page"
  VERBATIM)
target_sources(brevgen_core PRIVATE ${BREVGEN_PLAN_CPP})
