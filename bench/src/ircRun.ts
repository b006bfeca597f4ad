import { startIrcBenchServer } from './ircServer';
import { debianVersion, FD_HEADROOM } from './machine';
import { createIrcPeers, IRC_PEER_IDS, type IrcPeerId } from './peers/ircPeers';
import type { BenchPlan } from './plan';
import type { IrcResults, Skipped } from './results';
import { runWorker, WorkerFailed } from './runWorker';
import type { IrcLoginRow } from './scenarios/ircLogin';
import type { IrcThroughputResult } from './scenarios/ircThroughput';
import type { ScaleResult } from './scenarios/scale';

/** The IRC scenarios `--only` can pick; `irc` picks all three. */
export const IRC_SCENARIOS = ['irc-login', 'irc-throughput', 'irc-scale'] as const;
export type IrcScenario = (typeof IRC_SCENARIOS)[number];

export interface IrcRunOptions {
  readonly scenarios: ReadonlySet<IrcScenario>;
  readonly plan: BenchPlan;
  /** The open-files limit (idle-account counts that do not fit are skipped). */
  readonly fdLimit: number;
  readonly say: (text: string) => void;
}

/** A worker that died is a result for its peers, not the end of the run. */
function failedFor(say: (text: string) => void, what: string) {
  return (error: unknown): Skipped => {
    if (!(error instanceof WorkerFailed)) throw error;
    say(`${what} failed: ${error.reason}`);
    return { skipped: `failed: ${error.reason}` };
  };
}

/**
 * Starts the benchmark's ergo and runs the chosen IRC scenarios in worker processes, each peer
 * that can run in this build side by side with the others (Switchboard's IRC peer is reported
 * unavailable while the build has no IRC plugin module or profile).
 */
export async function runIrcScenarios(options: IrcRunOptions): Promise<IrcResults> {
  const { scenarios, plan, fdLimit, say } = options;
  const counts = scenarios.has('irc-scale') ? plan.scale : [];
  say(`starting ergo with ${Math.max(0, ...counts)} idle users`);
  const bench = await startIrcBenchServer(Math.max(0, ...counts));
  try {
    const { server, caFile } = bench;
    const { peers, unavailable } = await createIrcPeers(IRC_PEER_IDS, server);
    for (const u of unavailable) say(`IRC: ${u.id} unavailable: ${u.unavailable}`);
    const ids = peers.map((p) => p.id);
    let login: IrcLoginRow[] = [];
    if (scenarios.has('irc-login')) {
      say('IRC login latency');
      login = await runWorker<IrcLoginRow[]>(
        { kind: 'irc-login', server, peers: ids, plans: plan.irc.login },
        caFile,
      );
    }
    let throughput: Partial<Record<IrcPeerId, IrcThroughputResult>> = {};
    if (scenarios.has('irc-throughput')) {
      say('IRC throughput');
      throughput = await runWorker<Partial<Record<IrcPeerId, IrcThroughputResult>>>(
        { kind: 'irc-throughput', server, peers: ids, plan: plan.irc.throughput },
        caFile,
      );
    }
    const scale: IrcResults['scale'][number][] = [];
    for (const accounts of counts) {
      const results: Partial<Record<IrcPeerId, ScaleResult | Skipped>> = {};
      for (const peer of ids) {
        if (fdLimit < accounts + FD_HEADROOM) {
          results[peer] = { skipped: `open-files limit ${fdLimit} < ${accounts + FD_HEADROOM}` };
          continue;
        }
        say(`${accounts} idle IRC accounts: ${peer}`);
        const scalePlan = {
          accounts,
          concurrency: plan.scaleConcurrency,
          settleMs: plan.scaleSettleMs,
        };
        results[peer] = await runWorker<ScaleResult>(
          { kind: 'irc-scale', server, peer, plan: scalePlan },
          caFile,
        ).catch(failedFor(say, `${accounts} idle IRC accounts: ${peer}`));
      }
      scale.push({ accounts, peers: results });
    }
    return { ergo: await debianVersion('ergochat'), unavailable, login, throughput, scale };
  } finally {
    await bench.stop();
  }
}
