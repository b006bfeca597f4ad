import { countRoundTrips, startWireTap, type WireTap } from '@switchboard/testing';
import type { BenchServer, LoginRequest, Peer, PeerId } from '../peers';
import { type Summary, summarize } from '../stats';
import { loginRequest } from './credentials';

/** One kind of login the Prosody 13 rows measure. */
export interface Login13Variant {
  readonly id: string;
  /** The row's name in the report. */
  readonly title: string;
  /** `classic`: a server without SASL2; `sasl2`: SASL2, Bind2, inline SM and FAST. */
  readonly server: 'classic' | 'sasl2';
  /** The mechanism asked of each peer; `FAST`: a FAST token login (XEP-0484). */
  readonly mechanism: string;
  readonly directTls?: boolean;
  /** A reconnect: the library keeps what it remembers between the logins of this row. */
  readonly reconnect?: 'fast' | 'password';
}

/** The rows, in report order. */
export const LOGIN13_VARIANTS: readonly Login13Variant[] = [
  { id: 'classic-plain', title: 'classic SASL, PLAIN', server: 'classic', mechanism: 'PLAIN' },
  {
    id: 'classic-scram',
    title: 'classic SASL, SCRAM-SHA-256 (@xmpp/client: none, it has no SCRAM-SHA-256)',
    server: 'classic',
    mechanism: 'SCRAM-SHA-256',
  },
  { id: 'sasl2-plain', title: 'SASL2 + Bind2, PLAIN', server: 'sasl2', mechanism: 'PLAIN' },
  {
    id: 'sasl2-scram',
    title: 'SASL2 + Bind2, SCRAM-SHA-256 (@xmpp/client: none, it has no SCRAM-SHA-256)',
    server: 'sasl2',
    mechanism: 'SCRAM-SHA-256',
  },
  {
    id: 'sasl2-plus',
    title: 'SASL2 + Bind2, SCRAM-SHA-256-PLUS (@xmpp/client: none, it has no -PLUS)',
    server: 'sasl2',
    mechanism: 'SCRAM-SHA-256-PLUS',
  },
  {
    id: 'fast',
    title: 'FAST reconnect (@xmpp/client: HT-SHA-256-NONE, its only one)',
    server: 'sasl2',
    mechanism: 'FAST',
    reconnect: 'fast',
  },
  {
    id: 'fast-direct',
    title: 'FAST reconnect, direct TLS (@xmpp/client: HT-SHA-256-NONE)',
    server: 'sasl2',
    mechanism: 'FAST',
    reconnect: 'fast',
    directTls: true,
  },
  {
    id: 'plain-reconnect',
    title: 'SASL2 PLAIN reconnect (no FAST)',
    server: 'sasl2',
    mechanism: 'PLAIN',
    reconnect: 'password',
  },
  {
    id: 'scram-cached',
    title: 'SASL2 SCRAM-SHA-256 reconnect with the key cache, no FAST (@xmpp/client: none)',
    server: 'sasl2',
    mechanism: 'SCRAM-SHA-256',
    reconnect: 'password',
  },
];

/** How much the Prosody 13 login rows run. */
export interface Login13Plan {
  /** Timed logins per peer and row on the plain loopback link. */
  readonly runs: number;
  /** Timed logins per peer and row through the delayed wire tap. */
  readonly delayedRuns: number;
  /** The tap's latency, each way. */
  readonly delayMs: number;
  /** Untimed logins per peer and row first (at least 1: it gives reconnects their token). */
  readonly warmUp: number;
}

/** One row: a summary per peer that can run it. */
export interface Login13Row {
  readonly id: string;
  readonly title: string;
  readonly peers: Partial<Record<PeerId, Summary>>;
  /** The mechanism each peer used, where the library tells (the last timed login). */
  readonly mechanisms: Partial<Record<PeerId, string>>;
  /** Peers that could not log in this way, with the error they gave (they left the row). */
  readonly failed: Partial<Record<PeerId, string>>;
  /** On the delayed link: the round trips each login took, distinct values, per peer. */
  readonly roundTrips?: Partial<Record<PeerId, number[]>>;
}

/** What the Prosody 13 login rows measured. */
export interface Login13Results {
  readonly plan: Login13Plan;
  /** Straight to Prosody on loopback. */
  readonly direct: readonly Login13Row[];
  /** Through the wire tap adding `plan.delayMs` each way. */
  readonly delayed: readonly Login13Row[];
}

/** The servers and the peers set up against each. */
export interface Login13Setup {
  readonly servers: Readonly<Record<Login13Variant['server'], BenchServer>>;
  readonly peers: Readonly<Record<Login13Variant['server'], readonly Peer[]>>;
}

/** Opens taps lazily, one per target port, and closes them all. */
class Taps {
  readonly #taps = new Map<number, Promise<WireTap>>();
  constructor(private readonly delayMs: number) {}
  get(server: BenchServer, port: number): Promise<WireTap> {
    let tap = this.#taps.get(port);
    if (tap === undefined) {
      tap = startWireTap({ targetHost: server.host, targetPort: port, delayMs: this.delayMs });
      this.#taps.set(port, tap);
    }
    return tap;
  }
  async close(): Promise<void> {
    for (const tap of this.#taps.values()) await (await tap).close();
  }
}

interface Timed {
  readonly ms: number;
  readonly mechanism: string | undefined;
  readonly roundTrips: number | undefined;
}

async function timeLogin(
  peer: Peer,
  server: BenchServer,
  variant: Login13Variant,
  taps: Taps | undefined,
): Promise<Timed> {
  const target = variant.directTls === true ? server.directTlsPort : server.port;
  if (target === undefined) throw new Error(`${variant.id}: the server has no direct TLS port`);
  const tap = taps === undefined ? undefined : await taps.get(server, target);
  const request: LoginRequest = {
    ...loginRequest(server, variant.mechanism),
    port: tap?.port ?? target,
    ...(variant.directTls === true ? { directTls: true } : {}),
    ...(variant.reconnect === undefined ? {} : { reconnect: variant.reconnect }),
  };
  const connection = (tap?.connections() ?? 0) + 1;
  const start = performance.now();
  const session = await peer.open(request).catch((error: unknown) => {
    if (!(error instanceof Error)) throw new Error(String(error));
    throw new Error(error.message === '' ? error.name : `${error.name}: ${error.message}`);
  });
  const end = performance.now();
  const roundTrips =
    tap === undefined ? undefined : countRoundTrips(tap.chunks(), { connection, until: end });
  await session.close();
  return { ms: end - start, mechanism: session.mechanism, roundTrips };
}

async function measureRow(
  setup: Login13Setup,
  variant: Login13Variant,
  runs: number,
  warmUp: number,
  taps: Taps | undefined,
): Promise<Login13Row> {
  const server = setup.servers[variant.server];
  let able = setup.peers[variant.server].filter((p) => p.supports(variant.mechanism));
  const samples = new Map<PeerId, number[]>(able.map((p) => [p.id, []]));
  const trips = new Map<PeerId, Set<number>>(able.map((p) => [p.id, new Set()]));
  const mechanisms: Partial<Record<PeerId, string>> = {};
  const failed: Partial<Record<PeerId, string>> = {};
  // A library that cannot log in this way is a result: it leaves the row, the others go on.
  const attempt = async (peer: Peer): Promise<Timed | undefined> => {
    try {
      return await timeLogin(peer, server, variant, taps);
    } catch (error) {
      failed[peer.id] = error instanceof Error ? error.message : String(error);
      samples.delete(peer.id);
      able = able.filter((p) => p !== peer);
      return undefined;
    }
  };
  for (let i = 0; i < Math.max(1, warmUp); i++) {
    for (const peer of able) await attempt(peer);
  }
  for (let round = 0; round < runs; round++) {
    const order = able.map((_, k) => able[(round + k) % able.length] as Peer);
    for (const peer of order) {
      const timed = await attempt(peer);
      if (timed === undefined) continue;
      samples.get(peer.id)?.push(timed.ms);
      if (timed.roundTrips !== undefined) trips.get(peer.id)?.add(timed.roundTrips);
      if (timed.mechanism) mechanisms[peer.id] = timed.mechanism;
    }
  }
  const peers: Partial<Record<PeerId, Summary>> = {};
  for (const [id, values] of samples) peers[id] = summarize(values);
  const row = { id: variant.id, title: variant.title, peers, mechanisms, failed };
  if (taps === undefined) return row;
  const roundTrips: Partial<Record<PeerId, number[]>> = {};
  for (const [id, seen] of trips)
    if (samples.has(id)) roundTrips[id] = [...seen].sort((a, b) => a - b);
  return { ...row, roundTrips };
}

/**
 * The Prosody 13 login rows, every peer in one process, interleaved as in the login scenario
 * (`warmUp` untimed logins per peer first, which also give the reconnect rows their FAST token
 * and SCRAM keys): once straight to Prosody, once through a wire tap that delays every chunk
 * `delayMs` each way, where each login's round trips are counted too.
 */
export async function measureLogins13(
  setup: Login13Setup,
  plan: Login13Plan,
  variants: readonly Login13Variant[] = LOGIN13_VARIANTS,
): Promise<Login13Results> {
  const direct: Login13Row[] = [];
  for (const variant of variants)
    direct.push(await measureRow(setup, variant, plan.runs, plan.warmUp, undefined));
  const taps = new Taps(plan.delayMs);
  const delayed: Login13Row[] = [];
  try {
    for (const variant of variants) {
      delayed.push(await measureRow(setup, variant, plan.delayedRuns, plan.warmUp, taps));
    }
  } finally {
    await taps.close();
  }
  return { plan, direct, delayed };
}
