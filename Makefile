# SafetyKB — the two commands a newcomer needs are `make run` and `make test`.
PREFIX ?= /usr/local
SWIFT ?= swift
BUILD_FLAGS ?=
BIN_DIR = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)

.PHONY: setup build release run test lint format fuzz-smoke install uninstall clean bench bench-smoke relevance

setup:
	@scripts/setup

build: setup
	$(SWIFT) build $(BUILD_FLAGS)

## The program as installed: the Swift runtime and Foundation linked in (--static-swift-stdlib),
## which takes 6-7 ms off every start (16 to 10 ms for `safetykb --version` here), a third of a
## query the watch daemon answers; the binary is 90 MB instead of 21 MB.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib --product safetykb $(BUILD_FLAGS)

## Run the shell on the bundled knowledge base.
run: build
	@$$($(SWIFT) build --show-bin-path)/safetykb

## Lint, then build and run every test (unit, golden transcripts, end-to-end through a pty).
test: setup lint
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)
	$(MAKE) bench-smoke
	$(MAKE) fuzz-smoke

## The benchmark against SQLite FTS5 at 1k, 10k and 100k entries (release build; see
## docs/benchmarks.md). Prints a Markdown report.
bench: setup
	scripts/bench

## The benchmark at 1k entries in a debug build: proves it runs; no assertion on time.
bench-smoke: setup
	scripts/bench --sizes 1000 --runs 3 --config debug > /dev/null

## The relevance benchmark: success@10 and nDCG@10 of the judged queries (relevance/judgments.tsv)
## as typed, in best-match form, and in SQLite FTS5 (see docs/benchmarks.md).
relevance: build
	scripts/relevance

## Build the libFuzzer targets (Fuzz/) and run each for FUZZ_SECONDS (see docs/reliability.md).
FUZZ_SECONDS ?= 20
fuzz-smoke:
	SWIFT=$(SWIFT) scripts/fuzz smoke $(FUZZ_SECONDS)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Fuzz

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Fuzz

## Install the binary, the bundled knowledge base, the man page and shell completions.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/safetykb
	install -m 0755 $(BIN_DIR)/safetykb $(DESTDIR)$(PREFIX)/bin/safetykb
	rm -rf $(DESTDIR)$(PREFIX)/share/safetykb/knowledge
	cp -R knowledge $(DESTDIR)$(PREFIX)/share/safetykb/knowledge
	scripts/install-extras "$(DESTDIR)$(PREFIX)" "$(DESTDIR)$(PREFIX)/bin/safetykb"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/safetykb
	rm -rf $(DESTDIR)$(PREFIX)/share/safetykb

clean:
	rm -rf .build
