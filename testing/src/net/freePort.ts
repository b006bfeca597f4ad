import { createServer } from 'node:net';

function listenOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A TCP port that is free on 127.0.0.1 right now: the OS picks it for a listener on port 0,
 * which is closed again (retried on EADDRINUSE). Another process may still take it before you
 * bind, so a caller that binds later should be ready to pick again.
 */
export async function freePort(attempts = 5): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listenOnce();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || attempt >= attempts) throw error;
    }
  }
}
