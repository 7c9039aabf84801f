// Playwright configuration for the Smart Mahalla browser tests.
//
// The tests drive Debian's Chromium (/usr/bin/chromium); Playwright never downloads a browser.
// The web server is the release binary built by `cargo leptos build --release`, started from
// the repository root on a fresh, empty data folder for every run, with the demo accounts and
// appeals (`--demo`): tests sign in as the demo inspectors and administrators, and never assume
// an empty board. The abuse limits are raised so that the suite, which registers many
// citizens and files many appeals from one address, is not throttled.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

const port = Number(process.env.E2E_PORT || 3100);
// scripts/test.sh exports the binary it built (it honours CARGO_TARGET_DIR).
const binary = process.env.SMART_MAHALLA_BIN || './target/release/smart-mahalla';
const baseURL = `http://127.0.0.1:${port}`;

// This file is evaluated by the runner and again by every worker: the first evaluation picks
// the data folder and records it in the environment, which the workers inherit, so that one
// run creates exactly one folder.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = path.join(here, '.data', `run-${Date.now()}`);
}
const dataDir = path.resolve(process.env.E2E_DATA_DIR);
mkdirSync(dataDir, { recursive: true });

export default defineConfig({
  testDir: './tests',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'uz-UZ',
    timezoneId: 'Asia/Tashkent',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: [
      `"${binary}" serve --addr 127.0.0.1:${port} --data-dir "${dataDir}" --demo`,
      '--registrations-per-address-per-hour 1000',
      '--appeals-per-address-per-hour 1000',
      '--appeals-per-account-per-day 1000',
    ].join(' '),
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
