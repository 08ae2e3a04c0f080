# The plan page (GET /plan) is served from the binary: its files are compiled in.
set(BREVGEN_PLAN_FILES page.html plan.css plan-case.js plan.js icon.svg)
set(BREVGEN_PLAN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/plan)
set(BREVGEN_PLAN_CPP ${PROJECT_BINARY_DIR}/generated/plan_assets.cpp)
list(TRANSFORM BREVGEN_PLAN_FILES PREPEND ${BREVGEN_PLAN_DIR}/ OUTPUT_VARIABLE BREVGEN_PLAN_PATHS)
add_custom_command(
  OUTPUT ${BREVGEN_PLAN_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${BREVGEN_PLAN_CPP} -DSOURCE_DIR=${BREVGEN_PLAN_DIR}
          "-DFILES=${BREVGEN_PLAN_FILES}" -P ${BREVGEN_PLAN_DIR}/embed.cmake
  DEPENDS ${BREVGEN_PLAN_PATHS} ${BREVGEN_PLAN_DIR}/embed.cmake
  COMMENT "Embedding the plan page"
  VERBATIM)
target_sources(brevgen_http PRIVATE ${BREVGEN_PLAN_CPP})
