# yici — thin wrapper around CMake, npm and the test scripts. See README.md.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
DB         ?= var/yici.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps build c web run test asan bench clean format

all: build

deps:
	@scripts/deps.sh

c: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

web: deps
	@scripts/web-build.sh

build: c web

run: build
	$(BUILD)/yici demo --db $(DB)
	$(BUILD)/yici serve --db $(DB) --listen $(LISTEN) --web-root web/dist

test: build asan
	@scripts/test.sh

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DYICI_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)

bench: build
	@bench/run.sh

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c bench/*.c fuzz/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) web/dist

# libFuzzer harnesses (fuzz/, clang): each runs FUZZ_TIME seconds (default 60) under ASan + UBSan on
# a copy of its committed corpus; fails on any crash, leak or timeout. See fuzz/README.md.
.PHONY: fuzz
fuzz:
	@fuzz/run.sh
