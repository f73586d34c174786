# csvchartFigures.cmake - render the figures of a csvchart INI file from a CMake build.
#
#   find_package(csvchart REQUIRED)      # or: include(csvchartFigures) with the module path
#   csvchart_add_figures(TARGET figures INI data/figures.ini
#                        [OUT_DIR dir] [CSVCHART /path/to/csvchart] [ALL])
#
# At configure time `csvchart render INI --list` names every figure, its CSV and its outputs
# (after `--make-rules` has checked that every name can go into a depfile);
# each figure becomes one add_custom_command whose outputs depend on the INI file and that
# CSV (also through the DEPFILE csvchart writes), so Make and Ninja re-render only the figures
# whose data changed. Editing the INI file re-runs the configuration. OUT_DIR defaults to
# ${CMAKE_CURRENT_BINARY_DIR}/figures; relative paths are taken from the current source dir
# (INI) and the current binary dir (OUT_DIR). The target builds every figure; ALL adds it to
# the default build.
function(csvchart_add_figures)
  cmake_parse_arguments(ARG "ALL" "TARGET;INI;OUT_DIR;CSVCHART" "" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_INI)
    message(FATAL_ERROR "csvchart_add_figures: TARGET and INI are required")
  endif()
  if(NOT ARG_CSVCHART)
    if(NOT CSVCHART_EXECUTABLE)
      find_program(CSVCHART_EXECUTABLE csvchart REQUIRED)
    endif()
    set(ARG_CSVCHART "${CSVCHART_EXECUTABLE}")
  endif()
  if(NOT ARG_OUT_DIR)
    set(ARG_OUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/figures")
  endif()
  get_filename_component(ini "${ARG_INI}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  get_filename_component(out "${ARG_OUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  file(MAKE_DIRECTORY "${out}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${ini}")
  # Every name goes into a depfile at build time; --make-rules refuses now, with its message,
  # a name that make, Ninja or CMake would read wrongly there (and that would break this list).
  execute_process(
    COMMAND "${ARG_CSVCHART}" render "${ini}" --out-dir "${out}" --make-rules
    OUTPUT_QUIET ERROR_VARIABLE errors RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "csvchart_add_figures: ${errors}")
  endif()
  execute_process(
    COMMAND "${ARG_CSVCHART}" render "${ini}" --out-dir "${out}" --list
    OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "csvchart_add_figures: ${errors}")
  endif()
  string(REPLACE "\n" ";" lines "${listing}")
  set(all_outputs "")
  foreach(line IN LISTS lines)
    if(line STREQUAL "")
      continue()
    endif()
    string(REPLACE "\t" ";" fields "${line}")
    list(POP_FRONT fields name data)
    add_custom_command(
      OUTPUT ${fields}
      COMMAND "${ARG_CSVCHART}" render "${ini}" --out-dir "${out}" --only "${name}"
              --depfile "${out}/.${name}.d"
      DEPENDS "${ini}" "${data}"
      DEPFILE "${out}/.${name}.d"
      COMMENT "csvchart: rendering ${name}"
      VERBATIM)
    list(APPEND all_outputs ${fields})
  endforeach()
  if(ARG_ALL)
    add_custom_target(${ARG_TARGET} ALL DEPENDS ${all_outputs})
  else()
    add_custom_target(${ARG_TARGET} DEPENDS ${all_outputs})
  endif()
endfunction()
