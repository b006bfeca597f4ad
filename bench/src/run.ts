/**
 * Switchboard against raw @xmpp/client and StanzaJS on one Prosody, and against irc-framework on
 * one ergo, in one run:
 *
 *   pnpm bench [--quick] [--only login,login13,throughput,scale,coldstart,irc] [--scale 1000,5000]
 *              [--out FILE | --out -]
 *
 * Starts its own Prosody (loopback, Nagle off) for the XMPP scenarios and its own ergo for the
 * IRC ones (`irc`, or one of `irc-login`, `irc-throughput`, `irc-scale`), runs each scenario in
 * worker processes, prints the result tables and writes them into docs/performance.md between
 * its result markers (`--out -` only prints). `login13` is the Prosody 13 login rows (classic,
 * SASL2 + Bind2, FAST, SCRAM key cache, plain and through a delayed link), on their own servers. `--quick` runs every scenario small, to check the benchmark works;
 * `--only` and `--scale` pick scenarios and account counts (for profiling one of them).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { IRC_SCENARIOS, type IrcScenario, runIrcScenarios } from './ircRun';
import { describeMachine } from './machine';
import { FULL_PLAN, QUICK_PLAN } from './plan';
import { renderResults } from './report/render';
import { writeResults } from './report/writeDoc';
import type { BenchResults } from './results';
import { measureColdStart } from './scenarios/coldStart';
import { runXmppScenarios, XMPP_SCENARIOS } from './xmppRun';

const DEFAULT_OUT = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
const SCENARIOS: readonly string[] = [...XMPP_SCENARIOS, 'coldstart', 'irc', ...IRC_SCENARIOS];

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
  const wanted = new Set(
    (values.only ?? 'login,login13,throughput,scale,coldstart,irc').split(','),
  );
  for (const name of wanted) {
    if (!SCENARIOS.includes(name)) {
      throw new Error(`--only takes ${SCENARIOS.join(', ')}, not "${name}"`);
    }
  }
  const ircScenarios = new Set<IrcScenario>(
    IRC_SCENARIOS.filter((name) => wanted.has(name) || wanted.has('irc')),
  );
  const out =
    values.out === '-'
      ? undefined
      : resolve(process.env.INIT_CWD ?? '.', values.out ?? DEFAULT_OUT);
  const machine = await describeMachine();
  const xmpp = await runXmppScenarios({
    scenarios: new Set(XMPP_SCENARIOS.filter((name) => wanted.has(name))),
    plan,
    fdLimit: machine.fdLimit,
    say,
  });
  if (wanted.has('coldstart')) say('cold start');
  const coldStart = wanted.has('coldstart')
    ? await measureColdStart(
        ['switchboard', 'switchboard-jabber', 'xmppjs', 'stanza', 'cli-help', 'node'],
        plan.coldStartRuns,
      )
    : {};
  const irc =
    ircScenarios.size === 0
      ? undefined
      : await runIrcScenarios({ scenarios: ircScenarios, plan, fdLimit: machine.fdLimit, say });
  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ').concat(' UTC'),
    command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
    machine,
    ...xmpp,
    coldStart,
    ...(irc === undefined ? {} : { irc }),
  };
  const text = renderResults(results);
  process.stdout.write(`${text}\n`);
  if (out !== undefined) {
    await writeResults(out, text);
    say(`written to ${out}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
