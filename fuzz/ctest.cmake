# fuzz_short: every libFuzzer target for 60 s after replaying the kept crashers (fuzz/README.md).
# Included from tests/CMakeLists.txt. The fuzz build lives in <build>/fuzz, so it and the grown
# corpus are reused by the next run. Needs clang++ (scripts/setup-deps installs it).
find_program(ORCAZAP_FUZZ_CXX NAMES clang++ clang++-14)
if(ORCAZAP_FUZZ_CXX)
  add_test(NAME fuzz_short COMMAND "${CMAKE_SOURCE_DIR}/fuzz/run" 60)
  set_tests_properties(fuzz_short PROPERTIES
    LABELS fuzz
    TIMEOUT 600
    ENVIRONMENT "OZ_FUZZ_BUILD_DIR=${CMAKE_BINARY_DIR}/fuzz;OZ_FUZZ_CXX=${ORCAZAP_FUZZ_CXX}")
else()
  message(STATUS "clang++ not found: the fuzz_short test is not registered")
endif()
