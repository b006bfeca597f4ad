import type { Machine } from '../machine';
import type { BenchResults } from '../results';
import type { Summary } from '../stats';
import { checkTargets } from './targets';

const s = (median: number): Summary => ({ runs: 1, median, p95: median, min: median });
const machine = {} as Machine;

function results(
  overrides: {
    oauth?: number;
    stanzaPing?: number;
    rss?: number;
    coldStart?: number;
    help?: number;
  } = {},
): BenchResults {
  return {
    date: '',
    command: 'pnpm bench',
    machine,
    login: [
      { mechanism: 'SCRAM-SHA-1', peers: { switchboard: s(10), xmppjs: s(400), stanza: s(40) } },
      {
        mechanism: 'OAUTHBEARER',
        peers: { switchboard: s(overrides.oauth ?? 5), xmppjs: s(5), stanza: s(9) },
      },
    ],
    throughput: {
      switchboard: { messagesPerSecond: s(6000), pingMs: s(0.3) },
      xmppjs: { messagesPerSecond: s(6100), pingMs: s(0.3) },
      stanza: { messagesPerSecond: s(2000), pingMs: s(overrides.stanzaPing ?? 0.9) },
    },
    scale: [
      {
        accounts: 1000,
        peers: {
          switchboard: {
            accounts: 1000,
            loginsPerSecond: 100,
            rssKiBPerAccount: overrides.rss ?? 70,
            heapKiBPerAccount: 25,
            externalKiBPerAccount: 0,
          },
          xmppjs: {
            accounts: 1000,
            loginsPerSecond: 100,
            rssKiBPerAccount: 70,
            heapKiBPerAccount: 22,
            externalKiBPerAccount: 0,
          },
          stanza: { skipped: 'open-files limit 1024 < 1256' },
        },
      },
    ],
    coldStart: {
      switchboard: s(overrides.coldStart ?? 80),
      xmppjs: s(100),
      stanza: s(200),
      'cli-help': s(overrides.help ?? 120),
    },
  };
}

const met = (checks: ReturnType<typeof checkTargets>, prefix: string): boolean | undefined =>
  checks.find((c) => c.target.startsWith(prefix))?.met;

describe('checkTargets', () => {
  it('when every figure is inside its target, each check is met', () => {
    const checks = checkTargets(results());
    expect(checks.map((c) => c.met)).toEqual([true, true, true, true, true, true, true]);
  });

  it('when the token login is 6 % slower than xmpp.js, that target is missed', () => {
    expect(met(checkTargets(results({ oauth: 5.3 })), 'token login')).toBe(false);
  });

  it('when idle memory is 11 % above xmpp.js, that target is missed', () => {
    expect(met(checkTargets(results({ rss: 77.7 })), 'memory per idle account')).toBe(false);
  });

  it('when the cold start takes longer than xmpp.js, that target is missed', () => {
    expect(met(checkTargets(results({ coldStart: 101 })), 'cold start')).toBe(false);
  });

  it('when switchboard --help takes 150 ms, that target is missed', () => {
    expect(met(checkTargets(results({ help: 150 })), '`switchboard --help`')).toBe(false);
  });

  it('when StanzaJS wins a row, the row is named', () => {
    const check = checkTargets(results({ stanzaPing: 0.2 })).at(-1);
    expect(check?.met).toBe(false);
    expect(check?.measured).toContain('ping round trip');
  });
});
