import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Summary, summarize } from '../stats';

const run = promisify(execFile);

/**
 * What a cold start loads: the peers, Switchboard with a single profile for scale, and the
 * `switchboard --help` command.
 */
export type ColdStartSubject =
  | 'switchboard'
  | 'switchboard-jabber'
  | 'xmppjs'
  | 'stanza'
  | 'cli-help';

const SCRIPTS: Record<Exclude<ColdStartSubject, 'cli-help'>, string> = {
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

async function once(subject: ColdStartSubject): Promise<number> {
  if (subject === 'cli-help') {
    // The whole command as a user runs it, Node's own start-up included.
    const start = performance.now();
    const { stdout } = await run(process.execPath, [cliBin(), '--help'], {
      env: { ...process.env },
    });
    const ms = performance.now() - start;
    if (!stdout.includes('Usage: switchboard'))
      throw new Error('switchboard --help printed no usage');
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
 * first import, so Node's own start-up (the same for all) is left out; except `cli-help`, timed
 * from outside as the whole `switchboard --help` process.
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
