# Strata: the two commands that matter are `make demo` and `make test`.
# Every target installs and builds what it needs first.

BUILD_DIR ?= build
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 5

.PHONY: all deps configure build test fuzz demo bench bench-create bench-online package clean

all: build

deps:
	./scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	$(MAKE) deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_ARGS)

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_ARGS)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

# Every test, against one throwaway PostgreSQL started for this run; then a
# short run of each fuzz target (its own clang build in build-fuzz).
test: build
	./scripts/with-test-postgres ctest --test-dir $(BUILD_DIR) --output-on-failure \
	  -j$(JOBS) --timeout 900
	JOBS=$(JOBS) ./scripts/fuzz $(FUZZ_TEST_SECONDS)

# Each fuzz target for FUZZ_SECONDS (default 60), one after another.
fuzz: deps
	JOBS=$(JOBS) ./scripts/fuzz $(FUZZ_SECONDS)

# `create` for one added column on 1, 100,000 and 2,000,000 rows (the proof on a shadow database).
bench-create: build
	STRATA=$(BUILD_DIR)/strata ./bench/create_vs_rows.sh

# The longest insert stall during an offline vs an online revision on a
# 1,000,000-row table (docs/BENCHMARKS.md).
bench-online: build
	STRATA=$(BUILD_DIR)/strata ./bench/online_vs_offline.sh

# The main job on the example project.
demo: build
	./scripts/demo $(BUILD_DIR)

# The commands users run (check, diff, create, apply, validate) beside
# pg_dump --schema-only and the catalog floor, then introspection alone against
# pg_dump, on 1,000 to 10,000 generated tables. BENCH_SIZES="1000" for a quick
# run; docs/BENCHMARKS.md explains the figures. Last, introspection against
# pg_dump again on BENCH_ROUTINE_SIZES tables that carry 2 functions and 2
# triggers each.
BENCH_SIZES ?= 1000 5000 10000
BENCH_ROUTINE_SIZES ?= 5000
bench: build
	BENCH_SIZES="$(BENCH_SIZES)" STRATA=$(BUILD_DIR)/strata ./bench/user_commands.py
	BENCH_INTROSPECT=$(BUILD_DIR)/bench/bench_introspect ./bench/introspect_vs_pg_dump.sh $(BENCH_SIZES)
	ROUTINES=1 BENCH_INTROSPECT=$(BUILD_DIR)/bench/bench_introspect ./bench/introspect_vs_pg_dump.sh $(BENCH_ROUTINE_SIZES)

# The Debian package (build/strata_<version>_<arch>.deb): the binary,
# strata(1), bash and zsh completions; Depends from dpkg-shlibdeps.
package: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target strata strata_reference
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf $(BUILD_DIR) build-fuzz
