// What the Node benchmarks share: a free port, and waiting for the server to answer.
import { createServer } from 'node:net';

/** A TCP port that nothing listens on right now. */
export const freePort = () => new Promise((ok, fail) => {
  const srv = createServer();
  srv.on('error', fail);
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => ok(port)); });
});

/** Waits until `url` answers 2xx, for at most `ms`; fails at once when `server` (a child process) exited. */
export async function waitFor(url, ms, server = undefined) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`the server exited (code ${server.exitCode})`);
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url}`);
}
