import type { BenchServer, PeerId } from './peers';
import type { IrcBenchServer, IrcPeerId } from './peers/ircPeers';
import type { IrcThroughputPlan } from './scenarios/ircThroughput';
import type { LoginPlan } from './scenarios/login';
import type { Login13Plan } from './scenarios/login13';
import type { ScalePlan } from './scenarios/scale';
import type { ThroughputPlan } from './scenarios/throughput';

/** What a worker process runs; passed as JSON in `SB_BENCH_JOB`. */
export type Job =
  | {
      readonly kind: 'login';
      readonly server: BenchServer;
      readonly peers: readonly PeerId[];
      readonly plans: readonly LoginPlan[];
    }
  | {
      readonly kind: 'login13';
      /** A Prosody 13 without SASL2 and one with SASL2, Bind2 and FAST. */
      readonly servers: { readonly classic: BenchServer; readonly sasl2: BenchServer };
      readonly peers: readonly PeerId[];
      readonly plan: Login13Plan;
    }
  | {
      readonly kind: 'throughput';
      readonly server: BenchServer;
      readonly peers: readonly PeerId[];
      readonly plan: ThroughputPlan;
    }
  | {
      readonly kind: 'scale';
      readonly server: BenchServer;
      readonly peer: PeerId;
      readonly plan: ScalePlan;
    }
  | {
      readonly kind: 'irc-login';
      readonly server: IrcBenchServer;
      readonly peers: readonly IrcPeerId[];
      readonly plans: readonly LoginPlan[];
    }
  | {
      readonly kind: 'irc-throughput';
      readonly server: IrcBenchServer;
      readonly peers: readonly IrcPeerId[];
      readonly plan: IrcThroughputPlan;
    }
  | {
      readonly kind: 'irc-scale';
      readonly server: IrcBenchServer;
      readonly peer: IrcPeerId;
      readonly plan: ScalePlan;
    };
