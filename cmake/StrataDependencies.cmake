# Finds every third-party dependency once, as imported targets named strata::dep_*.

find_package(Threads REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(Boost REQUIRED)

# SOCI ships no CMake configuration on Debian.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY NAMES soci_core REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY NAMES soci_postgresql REQUIRED)
add_library(strata::dep_soci INTERFACE IMPORTED)
target_include_directories(strata::dep_soci INTERFACE
  ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS} ${Boost_INCLUDE_DIRS})
target_link_libraries(strata::dep_soci INTERFACE
  ${SOCI_POSTGRESQL_LIBRARY} ${SOCI_CORE_LIBRARY} PostgreSQL::PostgreSQL ${CMAKE_DL_LIBS})

# libyaml (the reference C parser of YAML 1.1) reads the model files; its
# pkg-config module is yaml-0.1.
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1)
add_library(strata::dep_libyaml INTERFACE IMPORTED)
target_link_libraries(strata::dep_libyaml INTERFACE PkgConfig::LIBYAML)

# libpg_query is a static C library with no CMake configuration.
find_path(PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
find_library(PG_QUERY_LIBRARY NAMES libpg_query.a pg_query REQUIRED)
add_library(strata::dep_pg_query INTERFACE IMPORTED)
target_include_directories(strata::dep_pg_query INTERFACE ${PG_QUERY_INCLUDE_DIR})
target_link_libraries(strata::dep_pg_query INTERFACE ${PG_QUERY_LIBRARY} Threads::Threads)

# cpp-httplib: Debian ships its implementation as a shared library, built with
# OpenSSL, zlib and Brotli; the header must see the same switches.
find_path(HTTPLIB_INCLUDE_DIR httplib.h REQUIRED)
find_library(HTTPLIB_LIBRARY NAMES cpp-httplib REQUIRED)
add_library(strata::dep_httplib INTERFACE IMPORTED)
target_include_directories(strata::dep_httplib INTERFACE ${HTTPLIB_INCLUDE_DIR})
target_compile_definitions(strata::dep_httplib INTERFACE
  CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT)
target_link_libraries(strata::dep_httplib INTERFACE ${HTTPLIB_LIBRARY} Threads::Threads OpenSSL::SSL OpenSSL::Crypto)

if(STRATA_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(STRATA_BUILD_BENCH)
  find_package(benchmark QUIET)
endif()
