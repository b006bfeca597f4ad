import { FD_HEADROOM } from './machine';
import { PEER_IDS, type PeerId } from './peers';
import type { BenchPlan } from './plan';
import type { BenchResults, Skipped } from './results';
import { runWorker, WorkerFailed } from './runWorker';
import type { LoginRow } from './scenarios/login';
import type { ScaleResult } from './scenarios/scale';
import type { ThroughputResult } from './scenarios/throughput';
import { startBenchServer } from './server';

/** The XMPP scenarios `--only` can pick. */
export const XMPP_SCENARIOS = ['login', 'throughput', 'scale'] as const;
export type XmppScenario = (typeof XMPP_SCENARIOS)[number];

export interface XmppRunOptions {
  readonly scenarios: ReadonlySet<XmppScenario>;
  readonly plan: BenchPlan;
  /** The open-files limit (account counts that do not fit are skipped). */
  readonly fdLimit: number;
  readonly say: (text: string) => void;
}

/** What the XMPP scenarios measured. */
export type XmppResults = Pick<BenchResults, 'login' | 'throughput' | 'scale'>;

/**
 * Starts the benchmark's Prosody and runs the chosen XMPP scenarios in worker processes, every
 * peer side by side; nothing starts when none is chosen.
 */
export async function runXmppScenarios(options: XmppRunOptions): Promise<XmppResults> {
  const { scenarios, plan, fdLimit, say } = options;
  if (scenarios.size === 0) return { login: [], throughput: {}, scale: [] };
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
    return { login, throughput, scale };
  } finally {
    await bench.stop();
  }
}
