import type { Socket } from 'node:net';

/**
 * Drops `socket` with a TCP RST, as a broken network would. A socket whose side was already
 * ended (FIN sent or pending) is destroyed instead: Node 20's `resetAndDestroy()` then fails
 * inside libuv (`uv_tcp_close_reset` refuses a pending shutdown) and leaves the handle
 * half-closed for good, which makes the process spin at 100% CPU when it exits.
 */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  if (socket.writableEnded) socket.destroy();
  else socket.resetAndDestroy();
}
