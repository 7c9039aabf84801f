# Smart Mahalla — the two commands a new user needs are `make run` and `make test`.
.PHONY: run build test test-faults tools e2e lint fmt bench-bundle bench-lighthouse bench-board bench-sorting bench-i18n bench-load bench-monitoring clean

run: build          ## Install what is missing, build, start on SQLite with demo data
	@bash scripts/run.sh

build:              ## Release build (server + WASM), installing missing tools first
	@bash scripts/install-tools.sh
	@bash scripts/build.sh

test:               ## Every test: lint, Rust on SQLite + PostgreSQL, faults, Playwright, bundle budget
	@bash scripts/test.sh

test-faults: build  ## Only the fault tests: kill -9, PostgreSQL restart, bad data folder, SIGTERM under load
	@bash scripts/faults.sh

tools:              ## Only install what is missing
	@bash scripts/install-tools.sh --browser

e2e: build          ## Only the Playwright tests (against the release build)
	@cd end2end && npx playwright test

lint:               ## rustfmt and clippy
	cargo fmt --all -- --check
	cargo clippy -p domain -p classify -p storage -p photos -p app -p server -p pwa -p ceiling --all-targets -- -D warnings
	cargo clippy -p frontend -p app --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

bench-bundle: build ## Sizes of what pages load in Chromium (raw, gzip, brotli) against the budget
	@bash scripts/install-tools.sh --browser
	@node bench/bundle.mjs

bench-lighthouse: build ## Lighthouse (mobile) scores of the form, tracking and board pages in Chromium against the budget
	@bash scripts/install-tools.sh --browser
	@if [ ! -f bench/lighthouse/node_modules/.package-lock.json ] \
	  || [ bench/lighthouse/package-lock.json -nt bench/lighthouse/node_modules/.package-lock.json ]; then \
	  cd bench/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund; fi
	@node bench/lighthouse/run.mjs

bench-board:        ## Board load and card move times on a generated district (SQLite + PostgreSQL)
	@bash bench/board.sh

bench-load: build   ## Appeals/s through the whole server (SQLite, FULL) beside a bare insert; board, page
	@bash bench/load/run.sh

bench-monitoring:   ## Dashboard summary and page over 1,000,000 appeals (SQLite + PostgreSQL); XLSX of 100,000
	@bash bench/monitoring.sh

bench-i18n:         ## What the UI strings cost in the WASM: typed tables against leptos_i18n (fetches leptos_i18n from crates.io)
	@bash bench/i18n-size/run.sh

bench-sorting:      ## Classifier training and texts/s; related-appeal lookups over 100,000 appeals
	@bash bench/sorting.sh

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results end2end/.data
