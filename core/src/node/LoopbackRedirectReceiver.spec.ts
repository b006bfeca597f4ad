import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { SwitchboardError } from '../errors/SwitchboardError';
import { startLoopbackRedirect } from './LoopbackRedirectReceiver';

async function failure(promise: Promise<unknown>): Promise<SwitchboardError> {
  try {
    await promise;
  } catch (error) {
    if (SwitchboardError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a SwitchboardError');
}

/** Resolves true when nothing answers at `url` (connection refused or reset). */
async function unreachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

describe(startLoopbackRedirect, () => {
  it('when the browser comes back, answers a page without the code and resolves the URL', async () => {
    const receiver = await startLoopbackRedirect();
    expect(receiver.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const response = await fetch(`${receiver.redirectUri}?code=CODE-SECRET-1&state=st-1`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page).toMatch(/close this window/);
    expect(page).not.toContain('CODE-SECRET-1');
    const url = await receiver.waitForCallback();
    expect(url.href).toBe(`${receiver.redirectUri}?code=CODE-SECRET-1&state=st-1`);
    expect(url.searchParams.get('code')).toBe('CODE-SECRET-1');
    await receiver.close();
    expect(await unreachable(receiver.redirectUri)).toBe(true);
  });

  it('when another path is requested, answers 404 and keeps waiting', async () => {
    const receiver = await startLoopbackRedirect({ path: '/cb', successHtml: '<p>Done</p>' });
    const other = await fetch(receiver.redirectUri.replace('/cb', '/favicon.ico'));
    expect(other.status).toBe(404);
    await other.text();
    const ok = await fetch(`${receiver.redirectUri}?code=c`);
    expect(await ok.text()).toBe('<p>Done</p>');
    expect((await receiver.waitForCallback()).pathname).toBe('/cb');
    await receiver.close();
  });

  it('when the browser does not come back in time, rejects with SB_TIMEOUT and closes', async () => {
    const receiver = await startLoopbackRedirect({ timeoutMs: 50 });
    const error = await failure(receiver.waitForCallback());
    expect(error.code).toBe('SB_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await unreachable(receiver.redirectUri)).toBe(true);
    await receiver.close();
  });

  it('when closed before the callback, rejects the waiter', async () => {
    const receiver = await startLoopbackRedirect();
    const waiting = receiver.waitForCallback();
    await receiver.close();
    await receiver.close(); // idempotent
    expect((await failure(waiting)).code).toBe('SB_OAUTH_FAILED');
  });

  it('when reached over another interface, refuses: it listens on 127.0.0.1 only', async () => {
    const receiver = await startLoopbackRedirect();
    const port = new URL(receiver.redirectUri).port;
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
      .map((i) => `http://${i?.address}:${port}/callback?code=c`);
    for (const url of [`http://[::1]:${port}/callback?code=c`, ...others]) {
      expect(await unreachable(url)).toBe(true);
    }
    // Still waiting for the real callback.
    await (await fetch(`${receiver.redirectUri}?code=ok`)).text();
    expect((await receiver.waitForCallback()).searchParams.get('code')).toBe('ok');
    await receiver.close();
  });

  it('when the port is taken, throws SB_CONFIG_INVALID', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const error = await failure(startLoopbackRedirect({ port }));
    expect(error.code).toBe('SB_CONFIG_INVALID');
    expect(error.details).toEqual({ field: 'port', port });
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('when given a fixed free port, uses it in the redirect URI', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const receiver = await startLoopbackRedirect({ port });
    expect(receiver.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
    await receiver.close();
  });
});
