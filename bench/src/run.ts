/**
 * Switchboard against raw @xmpp/client and StanzaJS on one Prosody, in one run:
 *
 *   pnpm bench [--quick] [--only login,throughput,scale,coldstart] [--scale 1000,5000]
 *              [--out FILE | --out -]
 *
 * Starts its own Prosody (loopback, Nagle off), runs each scenario in worker processes, prints
 * the result tables and writes them into docs/performance.md between its result markers
 * (`--out -` only prints). `--quick` runs every scenario small, to check the benchmark works;
 * `--only` and `--scale` pick scenarios and account counts (for profiling one of them).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine';
import { PEER_IDS, type PeerId } from './peers';
import { FULL_PLAN, QUICK_PLAN } from './plan';
import { renderResults } from './report/render';
import { writeResults } from './report/writeDoc';
import type { BenchResults, Skipped } from './results';
import { runWorker, WorkerFailed } from './runWorker';
import { measureColdStart } from './scenarios/coldStart';
import type { LoginRow } from './scenarios/login';
import type { ScaleResult } from './scenarios/scale';
import type { ThroughputResult } from './scenarios/throughput';
import { startBenchServer } from './server';

const DEFAULT_OUT = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
const SCENARIOS = ['login', 'throughput', 'scale', 'coldstart'];
/** Descriptors the benchmark process needs besides one per account. */
const FD_HEADROOM = 256;

const say = (text: string): void => {
  process.stderr.write(`bench: ${text}\n`);
};

/** `1000,5000` → [1000, 5000]; anything that is not a positive whole number is refused. */
function counts(text: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`--scale takes account counts such as 1000,5000, not "${text}"`);
  }
  return values;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      scale: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const base = values.quick === true ? QUICK_PLAN : FULL_PLAN;
  const plan = { ...base, scale: values.scale === undefined ? base.scale : counts(values.scale) };
  const wanted = new Set((values.only ?? SCENARIOS.join(',')).split(','));
  for (const name of wanted) {
    if (!SCENARIOS.includes(name)) {
      throw new Error(`--only takes ${SCENARIOS.join(', ')}, not "${name}"`);
    }
  }
  const out =
    values.out === '-'
      ? undefined
      : resolve(process.env.INIT_CWD ?? '.', values.out ?? DEFAULT_OUT);
  const machine = await describeMachine();
  say(`starting Prosody with ${Math.max(...plan.scale)} users`);
  const bench = await startBenchServer(Math.max(...plan.scale));
  try {
    const { server, caFile } = bench;
    if (wanted.has('login')) say('login latency');
    const login = wanted.has('login')
      ? await runWorker<LoginRow[]>(
          { kind: 'login', server, peers: PEER_IDS, plans: plan.login },
          caFile,
        )
      : [];
    if (wanted.has('throughput')) say('throughput and ping');
    const throughput = wanted.has('throughput')
      ? await runWorker<Partial<Record<PeerId, ThroughputResult>>>(
          { kind: 'throughput', server, peers: PEER_IDS, plan: plan.throughput },
          caFile,
        )
      : {};
    const scale: BenchResults['scale'][number][] = [];
    for (const accounts of wanted.has('scale') ? plan.scale : []) {
      const peers: Partial<Record<PeerId, ScaleResult | Skipped>> = {};
      for (const peer of PEER_IDS) {
        if (machine.fdLimit < accounts + FD_HEADROOM) {
          peers[peer] = {
            skipped: `open-files limit ${machine.fdLimit} < ${accounts + FD_HEADROOM}`,
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
    if (wanted.has('coldstart')) say('cold start');
    const coldStart = wanted.has('coldstart')
      ? await measureColdStart(
          ['switchboard', 'switchboard-jabber', 'xmppjs', 'stanza', 'cli-help', 'node'],
          plan.coldStartRuns,
        )
      : {};
    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ').concat(' UTC'),
      command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
      machine,
      login,
      throughput,
      scale,
      coldStart,
    };
    const text = renderResults(results);
    process.stdout.write(`${text}\n`);
    if (out !== undefined) {
      await writeResults(out, text);
      say(`written to ${out}`);
    }
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
