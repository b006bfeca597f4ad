import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FD_HEADROOM } from './machine';
import { PEER_IDS, type PeerId } from './peers';
import type { BenchPlan } from './plan';
import type { BenchResults, Skipped } from './results';
import { runWorker, WorkerFailed } from './runWorker';
import type { LoginRow } from './scenarios/login';
import type { Login13Results } from './scenarios/login13';
import type { ScaleResult } from './scenarios/scale';
import type { ThroughputResult } from './scenarios/throughput';
import { startBenchServer } from './server';

/** The XMPP scenarios `--only` can pick. */
export const XMPP_SCENARIOS = ['login', 'login13', 'throughput', 'scale'] as const;
export type XmppScenario = (typeof XMPP_SCENARIOS)[number];

export interface XmppRunOptions {
  readonly scenarios: ReadonlySet<XmppScenario>;
  readonly plan: BenchPlan;
  /** The open-files limit (account counts that do not fit are skipped). */
  readonly fdLimit: number;
  readonly say: (text: string) => void;
}

/** What the XMPP scenarios measured. */
export type XmppResults = Pick<BenchResults, 'login' | 'login13' | 'throughput' | 'scale'>;

/** The peers of the Prosody 13 login rows: the two with SASL2 and FAST, over TCP. */
const LOGIN13_PEERS: readonly PeerId[] = ['switchboard', 'xmppjs'];

/**
 * The Prosody 13 login rows: a server without SASL2 and one with SASL2, Bind2 and FAST, both
 * trusted by the worker (one CA file with both CAs).
 */
async function runLogin13(plan: BenchPlan, say: (text: string) => void): Promise<Login13Results> {
  say('Prosody 13 logins: classic, SASL2 + Bind2, FAST, key cache; plain and delayed link');
  const classic = await startBenchServer(0, { hashed: true });
  try {
    const sasl2 = await startBenchServer(0, { sasl2: true, hashed: true });
    try {
      const caFile = join(classic.caFile, '..', 'login13-ca.pem');
      await writeFile(caFile, `${classic.server.ca}\n${sasl2.server.ca}\n`);
      return await runWorker<Login13Results>(
        {
          kind: 'login13',
          servers: { classic: classic.server, sasl2: sasl2.server },
          peers: LOGIN13_PEERS,
          plan: plan.login13,
        },
        caFile,
      );
    } finally {
      await sasl2.stop();
    }
  } finally {
    await classic.stop();
  }
}

/**
 * Starts the benchmark's Prosody and runs the chosen XMPP scenarios in worker processes, every
 * peer side by side; nothing starts when none is chosen.
 */
export async function runXmppScenarios(options: XmppRunOptions): Promise<XmppResults> {
  const { scenarios, plan, fdLimit, say } = options;
  const login13 = scenarios.has('login13') ? await runLogin13(plan, say) : undefined;
  const rest = { ...(login13 === undefined ? {} : { login13 }) };
  if (!['login', 'throughput', 'scale'].some((name) => scenarios.has(name as XmppScenario))) {
    return { login: [], throughput: {}, scale: [], ...rest };
  }
  say(`starting Prosody with ${Math.max(...plan.scale)} users`);
  const bench = await startBenchServer(Math.max(...plan.scale));
  try {
    const { server, caFile } = bench;
    if (scenarios.has('login')) say('login latency');
    const login = scenarios.has('login')
      ? await runWorker<LoginRow[]>(
          { kind: 'login', server, peers: PEER_IDS, plans: plan.login },
          caFile,
        )
      : [];
    if (scenarios.has('throughput')) say('throughput and ping');
    const throughput = scenarios.has('throughput')
      ? await runWorker<Partial<Record<PeerId, ThroughputResult>>>(
          { kind: 'throughput', server, peers: PEER_IDS, plan: plan.throughput },
          caFile,
        )
      : {};
    const scale: BenchResults['scale'][number][] = [];
    for (const accounts of scenarios.has('scale') ? plan.scale : []) {
      const peers: Partial<Record<PeerId, ScaleResult | Skipped>> = {};
      for (const peer of PEER_IDS) {
        if (fdLimit < accounts + FD_HEADROOM) {
          peers[peer] = {
            skipped: `open-files limit ${fdLimit} < ${accounts + FD_HEADROOM}`,
          };
          continue;
        }
        say(`${accounts} idle accounts: ${peer}`);
        peers[peer] = await runWorker<ScaleResult>(
          {
            kind: 'scale',
            server,
            peer,
            plan: { accounts, concurrency: plan.scaleConcurrency, settleMs: plan.scaleSettleMs },
          },
          caFile,
        ).catch((error: unknown) => {
          // A library that cannot hold this many accounts is a result, not the end of the run.
          if (!(error instanceof WorkerFailed)) throw error;
          say(`${accounts} idle accounts: ${peer} failed: ${error.reason}`);
          return { skipped: `failed: ${error.reason}` };
        });
      }
      scale.push({ accounts, peers });
    }
    return { login, throughput, scale, ...rest };
  } finally {
    await bench.stop();
  }
}
