// A server of the test's own (not the one Playwright started): for tests that stop it, start
// it again or switch it to another build. Not a spec file.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { repoRoot } from './helpers.mjs';

// The binary scripts/test.sh built (it honours CARGO_TARGET_DIR), else the default place.
export const BINARY = process.env.SMART_MAHALLA_BIN || './target/release/smart-mahalla';

/** A TCP port that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server on `port` with `dataDir`; its output is kept in `log` for the report when
 * something fails. `binary` and `extraArgs` (e.g. `--site-root`) choose another build.
 */
export function startServer(port, dataDir, log, { binary = BINARY, extraArgs = [] } = {}) {
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', dataDir, ...extraArgs];
  const child = spawn(binary, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));
  return child;
}

/** Polls `/healthz` until it answers 200 (or the process dies, or time runs out). */
export async function waitHealthy(base, child, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** Sends SIGTERM and waits for the exit. */
export async function stop(child, timeoutMs = 10_000) {
  child.kill('SIGTERM');
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms of SIGTERM`)), timeoutMs);
  });
  try {
    return await Promise.race([child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops `child` if it still runs (SIGTERM, then SIGKILL after 5 s). */
export async function stopIfRunning(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const ended = await Promise.race([child.exited, new Promise((r) => setTimeout(r, 5_000, null))]);
  if (!ended) child.kill('SIGKILL');
}
