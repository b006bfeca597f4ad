import type { IrcThroughputPlan } from './scenarios/ircThroughput';
import type { LoginPlan } from './scenarios/login';
import type { Login13Plan } from './scenarios/login13';
import type { ThroughputPlan } from './scenarios/throughput';

/** How much each scenario runs. */
export interface BenchPlan {
  readonly login: readonly LoginPlan[];
  /** The Prosody 13 login rows (classic, SASL2, FAST, key cache), plain and delayed. */
  readonly login13: Login13Plan;
  readonly throughput: ThroughputPlan;
  /** Account counts of the scale scenario. */
  readonly scale: readonly number[];
  readonly scaleConcurrency: number;
  readonly scaleSettleMs: number;
  readonly coldStartRuns: number;
  /** The IRC scenarios; their idle-account counts are `scale`'s. */
  readonly irc: {
    readonly login: readonly LoginPlan[];
    readonly throughput: IrcThroughputPlan;
  };
}

/** The full run behind docs/performance.md (a few minutes). */
export const FULL_PLAN: BenchPlan = {
  login: [
    { mechanism: 'PLAIN', runs: 200 },
    { mechanism: 'SCRAM-SHA-1', runs: 30 },
    { mechanism: 'SCRAM-SHA-256', runs: 30 },
    { mechanism: 'OAUTHBEARER', runs: 200 },
  ],
  login13: { runs: 40, delayedRuns: 10, delayMs: 25, warmUp: 3 },
  throughput: { messages: 5000, rounds: 6, pings: 200 },
  scale: [1000, 5000],
  scaleConcurrency: 50,
  scaleSettleMs: 2000,
  coldStartRuns: 20,
  irc: {
    login: [
      { mechanism: 'PLAIN', runs: 200 },
      { mechanism: 'SCRAM-SHA-256', runs: 100 },
    ],
    throughput: { messages: 5000, rounds: 6 },
  },
};

/** `--quick`: every scenario once over, small, to check the benchmark itself works. */
export const QUICK_PLAN: BenchPlan = {
  login: FULL_PLAN.login.map(({ mechanism }) => ({ mechanism, runs: 3 })),
  login13: { runs: 3, delayedRuns: 1, delayMs: 25, warmUp: 1 },
  throughput: { messages: 200, rounds: 2, pings: 20 },
  scale: [50],
  scaleConcurrency: 10,
  scaleSettleMs: 200,
  coldStartRuns: 2,
  irc: {
    login: FULL_PLAN.irc.login.map(({ mechanism }) => ({ mechanism, runs: 3 })),
    throughput: { messages: 200, rounds: 2 },
  },
};
