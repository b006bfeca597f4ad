import type { Machine } from './machine';
import type { PeerId } from './peers';
import type { IrcPeerId, IrcPeerUnavailable } from './peers/ircPeers';
import type { ColdStartSubject } from './scenarios/coldStart';
import type { IrcLoginRow } from './scenarios/ircLogin';
import type { IrcThroughputResult } from './scenarios/ircThroughput';
import type { LoginRow } from './scenarios/login';
import type { Login13Results } from './scenarios/login13';
import type { ScaleResult } from './scenarios/scale';
import type { ThroughputResult } from './scenarios/throughput';
import type { Summary } from './stats';

/** A scale run without a result, and why: skipped (the open-files limit) or failed. */
export interface Skipped {
  readonly skipped: string;
}

/** Everything one `pnpm bench` run measured. */
export interface BenchResults {
  readonly date: string;
  readonly command: string;
  readonly machine: Machine;
  readonly login: readonly LoginRow[];
  /** The Prosody 13 login rows (`login13`), when they ran. */
  readonly login13?: Login13Results;
  readonly throughput: Partial<Record<PeerId, ThroughputResult>>;
  readonly scale: readonly {
    readonly accounts: number;
    readonly peers: Partial<Record<PeerId, ScaleResult | Skipped>>;
  }[];
  readonly coldStart: Partial<Record<ColdStartSubject, Summary>>;
  /** The IRC scenarios, when they ran. */
  readonly irc?: IrcResults;
}

/** Everything the IRC scenarios measured: Switchboard against irc-framework on one ergo. */
export interface IrcResults {
  /** ergo's version (Debian's `ergochat` package). */
  readonly ergo: string;
  /** Peers that could not run in this build, with the reason. */
  readonly unavailable: readonly IrcPeerUnavailable[];
  readonly login: readonly IrcLoginRow[];
  readonly throughput: Partial<Record<IrcPeerId, IrcThroughputResult>>;
  readonly scale: readonly {
    readonly accounts: number;
    readonly peers: Partial<Record<IrcPeerId, ScaleResult | Skipped>>;
  }[];
}
