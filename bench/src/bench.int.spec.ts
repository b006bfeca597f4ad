/**
 * The benchmark command itself, small (`--quick`): it starts its own Prosody and ergo, every peer
 * logs in with every mechanism it supports, exchanges messages, pings, holds idle accounts and
 * cold starts, and the report lands between the markers of the page it writes. Runs the built
 * packages, as `pnpm bench` does (the test script builds before the tests).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(__dirname, '..', 'bench.sh');
const peers = [
  'Switchboard (TCP)',
  '@xmpp/client (TCP)',
  '@xmpp/client (WebSocket)',
  'StanzaJS (WebSocket)',
];

/** The cells of the summary row whose first cell is `metric`. */
function row(page: string, metric: string): string[] {
  const line = page.split('\n').find((l) => l.startsWith(`| ${metric} |`));
  if (line === undefined) throw new Error(`no row "${metric}" in:\n${page}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('pnpm bench --quick', () => {
  let dir: string;
  let page: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
    const out = join(dir, 'performance.md');
    await writeFile(
      out,
      '# Kept above\n\n<!-- bench:results:begin (written by `pnpm bench`; edit the text around it) -->\nold\n<!-- bench:results:end -->\n\nKept below\n',
    );
    await run('bash', [script, '--quick', '--out', out], { timeout: 330_000, maxBuffer: 8 << 20 });
    page = await readFile(out, 'utf8');
  }, 400_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when it finishes, the tables replace what was between the markers and the rest stays', () => {
    expect(page.startsWith('# Kept above\n')).toBe(true);
    expect(page.trimEnd().endsWith('Kept below')).toBe(true);
    expect(page).not.toMatch(/\nold\n/);
    expect(page).toContain('| target | this run | met |');
  });

  it('when the summary is read, every peer has a number on the rows it can run', () => {
    const head = row(page, '');
    expect(head.slice(2, 6)).toEqual(peers);
    for (const metric of [
      'login, PLAIN',
      'login, SCRAM-SHA-1',
      'login, OAUTHBEARER',
      'messages, one connection',
      'ping round trip',
      'login rate, 50 accounts',
    ]) {
      const values = row(page, metric).slice(2, 6);
      for (const value of values) expect(value).toMatch(/^[\d,]+(\.\d+)?$/);
    }
    // xmpp.js has no SCRAM-SHA-256.
    expect(
      row(page, 'login, SCRAM-SHA-256')
        .slice(2, 6)
        .map((v) => v === '—'),
    ).toEqual([false, true, true, false]);
  });

  it('when the IRC summary is read, irc-framework has a number on every row', () => {
    expect(page).toContain('### IRC: Switchboard against irc-framework');
    const scram = 'IRC login, SCRAM-SHA-256 (irc-framework: PLAIN, it has no SCRAM-SHA-256)';
    const metrics = [
      'IRC login, PLAIN',
      scram,
      'IRC messages, one connection to another',
      'IRC memory per idle account (RSS), 50',
      'IRC memory per idle account (JS heap), 50',
      'IRC login rate, 50 accounts',
    ];
    // The IRC summary's header is the second one whose first cell is empty.
    const ircHead = page
      .split('\n')
      .filter((l) => l.startsWith('|  | unit |'))
      .at(1);
    expect(ircHead).toBe('|  | unit | Switchboard | irc-framework 4.14 | vs irc-framework |');
    // Switchboard's column has numbers, or the page says why it was not measured and has none.
    const missing = /^- Switchboard: not measured, .+\.$/m.test(page);
    for (const metric of metrics) {
      const [, unit, switchboard, ircFramework, vs] = row(page, metric);
      expect(unit).toMatch(/^(ms|msg\/s|KiB|logins\/s)$/);
      expect(ircFramework).toMatch(/^[\d,]+(\.\d+)?$/);
      if (missing) expect([switchboard, vs]).toEqual(['—', '—']);
      else expect(switchboard).toMatch(/^[\d,]+(\.\d+)?$/);
    }
    expect(page).toContain(`- ${scram}: logins of the stand-in mechanism`);
  });

  it('when the Prosody 13 logins are read, Switchboard has a time on every row and round trips on the delayed link', () => {
    expect(page).toContain(
      '### Logins on Prosody 13: classic, SASL2 + Bind2, FAST, SCRAM key cache',
    );
    const section = page.slice(page.indexOf('#### Straight to Prosody on loopback'));
    const delayedAt = section.indexOf('#### Through a link with 25 ms each way');
    expect(delayedAt).toBeGreaterThan(0);
    const rows = (text: string): string[][] =>
      text
        .split('\n')
        .filter((l) => /^\| (classic|SASL2|FAST)/.test(l))
        .map((l) =>
          l
            .split('|')
            .slice(1, -1)
            .map((c) => c.trim()),
        );
    const straight = rows(section.slice(0, delayedAt));
    const delayed = rows(section.slice(delayedAt));
    expect(straight).toHaveLength(9);
    expect(delayed).toHaveLength(9);
    const time = /^[\d,]+(\.\d+)? \/ [\d,]+(\.\d+)?$/;
    for (const cells of straight) expect(cells[1]).toMatch(time);
    for (const [, switchboard, trips] of delayed) {
      expect(switchboard).toMatch(time);
      expect(trips).toMatch(/^\d+$/);
    }
    // A FAST reconnect costs fewer round trips than a classic login, on the wire.
    const tripsOf = (prefix: string): number =>
      Number(delayed.find((c) => c[0]?.startsWith(prefix))?.[2]);
    expect(tripsOf('FAST reconnect (')).toBeLessThan(tripsOf('classic SASL, SCRAM-SHA-256'));
    expect(page).toContain(
      '| SASL2 + Bind2, SCRAM-SHA-256-PLUS (@xmpp/client: none, it has no -PLUS) |',
    );
  });

  it('when the ratios are read, each is a factor against the peer', () => {
    const [, , , , , , vsXmpp, vsStanza] = row(page, 'login, SCRAM-SHA-1');
    expect(vsXmpp).toMatch(/^(\*\*)?[\d.]+×(\*\*)?$/);
    expect(vsStanza).toMatch(/^(\*\*)?[\d.]+×(\*\*)?$/);
  });
});
