# Discovery of the Debian 12 (bookworm) libraries OrcaZap uses. Every target is named in a comment.
find_package(Threads REQUIRED)                                 # Threads::Threads
find_package(PkgConfig REQUIRED)
find_package(Boost 1.74 REQUIRED CONFIG COMPONENTS system)     # Boost::headers Boost::system
find_package(nlohmann_json 3.11 REQUIRED CONFIG)               # nlohmann_json::nlohmann_json
find_package(fmt 9 REQUIRED CONFIG)                            # fmt::fmt
find_package(CLI11 REQUIRED CONFIG)                            # CLI11::CLI11
find_package(CURL REQUIRED)                                    # CURL::libcurl
pkg_check_modules(libpq    REQUIRED IMPORTED_TARGET libpq)        # PkgConfig::libpq
pkg_check_modules(hiredis  REQUIRED IMPORTED_TARGET hiredis)      # PkgConfig::hiredis
pkg_check_modules(systemd  REQUIRED IMPORTED_TARGET libsystemd)   # PkgConfig::systemd
pkg_check_modules(sodium   REQUIRED IMPORTED_TARGET libsodium)    # PkgConfig::sodium
pkg_check_modules(re2      REQUIRED IMPORTED_TARGET re2)          # PkgConfig::re2
pkg_check_modules(utf8proc REQUIRED IMPORTED_TARGET libutf8proc)  # PkgConfig::utf8proc
if(ORCAZAP_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)                          # GTest::gtest GTest::gtest_main GTest::gmock
endif()
