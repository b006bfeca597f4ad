/**
 * Test helpers: a minimal WebSocket client (RFC 6455) for XMPP over WebSocket (RFC 7395): the
 * HTTP/1.1 upgrade over node:https, masked frames out, the server's frames in, and a reader of
 * the text frames, to look at exactly what the test server sends.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** The RFC 6455 GUID appended to the key for `Sec-WebSocket-Accept`. */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Frame opcodes used here (RFC 6455 §5.2). */
export const Opcode = { text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One decoded frame. */
export interface Frame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  readonly payload: Buffer;
}

/** A final frame with `payload`, masked with a random key as a client must (RFC 6455 §5.3). */
export function encodeFrame(payload: string | Buffer, opcode: number = Opcode.text): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const length =
    data.length < 126
      ? Buffer.from([data.length])
      : data.length < 65_536
        ? Buffer.from([126, data.length >> 8, data.length & 0xff])
        : Buffer.concat([Buffer.from([127]), bigEndian64(data.length)]);
  length[0] = (length[0] ?? 0) | 0x80;
  const key = randomBytes(4);
  const masked = Buffer.from(data.map((byte, i) => byte ^ (key[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from([0x80 | opcode]), length, key, masked]);
}

function bigEndian64(n: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(n));
  return out;
}

/** The complete frames at the start of `buffer`, and the bytes of an incomplete one after them. */
export function decodeFrames(buffer: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    const first = buffer[at] ?? 0;
    const second = buffer[at + 1] ?? 0;
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buffer.length - at < 4) break;
      length = buffer.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (buffer.length - at < 10) break;
      length = Number(buffer.readBigUInt64BE(at + 2));
      header = 10;
    }
    const masked = (second & 0x80) !== 0;
    const key = masked ? buffer.subarray(at + header, at + header + 4) : undefined;
    if (key !== undefined) header += 4;
    if (buffer.length - at < header + length) break;
    const body = buffer.subarray(at + header, at + header + length);
    const payload =
      key === undefined
        ? Buffer.from(body)
        : Buffer.from(body.map((b, i) => b ^ (key[i % 4] ?? 0)));
    frames.push({ fin: (first & 0x80) !== 0, opcode: first & 0x0f, masked, payload });
    at += header + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

/** What the server answered to the upgrade request. */
export interface Upgrade {
  /** `101` on success. */
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** True if `Sec-WebSocket-Accept` is the one RFC 6455 §4.2.2 derives from the sent key. */
  readonly acceptValid: boolean;
  /** The TLS socket, after a 101 only. */
  readonly socket: TLSSocket | undefined;
  /** Bytes that came with the 101 response, already the first frames. */
  readonly head: Buffer;
}

/**
 * Sends the opening handshake (`GET` with `Upgrade: websocket`, `Sec-WebSocket-Protocol:
 * protocol`) to a `wss://` URL, verifying the certificate against `ca`.
 */
export function upgrade(url: string, ca: string, protocol = 'xmpp'): Promise<Upgrade> {
  const key = randomBytes(16).toString('base64');
  const expected = createHash('sha1').update(`${key}${GUID}`).digest('base64');
  const target = new URL(url.replace(/^wss:/, 'https:'));
  return new Promise((resolve, reject) => {
    const req = request(target, {
      ca,
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Protocol': protocol,
      },
    });
    req.once('upgrade', (res, socket: Socket, head: Buffer) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        acceptValid: res.headers['sec-websocket-accept'] === expected,
        socket: socket as TLSSocket,
        head,
      });
    });
    req.once('response', (res) => {
      res.resume();
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        acceptValid: false,
        socket: undefined,
        head: Buffer.alloc(0),
      });
    });
    req.once('error', reject);
    req.end();
  });
}

/** An upgraded connection: send text frames, read the text of the server's frames. */
export interface WebSocketConnection {
  readonly socket: TLSSocket;
  /** Sends `text` as one masked text frame. */
  send(text: string): void;
  /** The next text frame's payload (control frames are kept in `controlFrames`). */
  next(timeoutMs?: number): Promise<string>;
  /** Text frames until one matches `marker`, that one included, joined. */
  until(marker: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Close, ping and pong frames received so far. */
  readonly controlFrames: readonly Frame[];
}

/** Starts reading frames from an upgrade that succeeded (101). */
export function connection(upgraded: Upgrade): WebSocketConnection {
  const socket = upgraded.socket;
  if (socket === undefined) throw new Error(`no upgrade: HTTP ${upgraded.status}`);
  let pending = Buffer.from(upgraded.head);
  const texts: string[] = [];
  const controlFrames: Frame[] = [];
  let wake: (() => void) | undefined;
  const take = (): void => {
    const { frames, rest } = decodeFrames(pending);
    pending = Buffer.from(rest);
    for (const frame of frames) {
      if (frame.opcode === Opcode.text) texts.push(frame.payload.toString('utf8'));
      else controlFrames.push(frame);
    }
    wake?.();
  };
  socket.on('data', (d: Buffer) => {
    pending = Buffer.concat([pending, d]);
    take();
  });
  take();
  const next = async (timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = texts.shift();
      if (text !== undefined) return text;
      if (Date.now() >= deadline || socket.destroyed) throw new Error('no text frame came');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    socket,
    send: (text) => socket.write(encodeFrame(text)),
    next,
    async until(marker, timeoutMs = 5000) {
      const seen: string[] = [];
      for (;;) {
        const text = await next(timeoutMs).catch((error: unknown) => {
          throw new Error(`no ${marker} in: ${seen.join('')}`, { cause: error });
        });
        seen.push(text);
        if (typeof marker === 'string' ? text.includes(marker) : marker.test(text)) {
          return seen.join('');
        }
      }
    },
    controlFrames,
  };
}
