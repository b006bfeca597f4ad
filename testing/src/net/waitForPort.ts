import { connect } from 'node:net';

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Polls until `host:port` accepts a TCP connection. Resolves false after `timeoutMs`, or as soon
 * as `gaveUp()` returns true (e.g. the server process exited).
 */
export async function waitForPort(
  host: string,
  port: number,
  timeoutMs: number,
  gaveUp: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    if (await tryConnect(host, port)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}
