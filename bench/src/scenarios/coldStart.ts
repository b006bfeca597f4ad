import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Summary, summarize } from '../stats';

const run = promisify(execFile);

/**
 * What a cold start loads: the peers, Switchboard with a single profile for scale, the
 * `switchboard --help` command, and a bare `node` for the share of Node's own start-up in it.
 */
export type ColdStartSubject =
  | 'switchboard'
  | 'switchboard-jabber'
  | 'xmppjs'
  | 'stanza'
  | 'cli-help'
  | 'node';

const SCRIPTS: Record<Exclude<ColdStartSubject, 'cli-help' | 'node'>, string> = {
  switchboard: 'switchboard.mjs',
  'switchboard-jabber': 'jabber.mjs',
  xmppjs: 'xmppjs.mjs',
  stanza: 'stanza.mjs',
};

/** The built `switchboard` command (the CLI package's `bin`). */
function cliBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@switchboard/cli/package.json');
  return fileURLToPath(new URL('dist/bin.js', `file://${manifest}`));
}

/** A whole process, Node's own start-up included, timed from outside. */
async function wholeProcess(args: readonly string[]): Promise<{ ms: number; stdout: string }> {
  const start = performance.now();
  const { stdout } = await run(process.execPath, args, { env: { ...process.env } });
  return { ms: performance.now() - start, stdout };
}

async function once(subject: ColdStartSubject): Promise<number> {
  if (subject === 'node') return (await wholeProcess(['-e', ''])).ms;
  if (subject === 'cli-help') {
    const { ms, stdout } = await wholeProcess([cliBin(), '--help']);
    if (!stdout.includes('Usage: switchboard')) {
      throw new Error('switchboard --help printed no usage');
    }
    return ms;
  }
  const script = fileURLToPath(new URL(`../coldstart/${SCRIPTS[subject]}`, import.meta.url));
  const { stdout } = await run(process.execPath, [script], { env: { ...process.env } });
  const { ms } = JSON.parse(stdout.trim()) as { ms: number };
  return ms;
}

/**
 * Time to import and set up, each sample in a fresh `node` process running the built packages
 * (no TypeScript loader), subjects alternating. Measured inside the process from before the
 * first import, so Node's own start-up (the same for all) is left out; except `cli-help` and
 * `node`, timed from outside as whole processes (`switchboard --help`, `node -e ''`).
 */
export async function measureColdStart(
  subjects: readonly ColdStartSubject[],
  runs: number,
): Promise<Partial<Record<ColdStartSubject, Summary>>> {
  const samples = new Map<ColdStartSubject, number[]>(subjects.map((s) => [s, []]));
  for (const subject of subjects) await once(subject); // warm the file cache
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(r + k) % subjects.length] as ColdStartSubject;
      samples.get(subject)?.push(await once(subject));
    }
  }
  const result: Partial<Record<ColdStartSubject, Summary>> = {};
  for (const [subject, values] of samples) result[subject] = summarize(values);
  return result;
}
