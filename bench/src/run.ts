/**
 * Login benchmark: connect → online through Switchboard and through raw @xmpp/client, on one
 * Prosody (Nagle off, loopback), same account, same mechanism, interleaved in one process.
 *
 *   pnpm bench [--runs N] [--scram-runs N]
 *
 * The parent starts Prosody and re-runs this file as a worker with NODE_EXTRA_CA_CERTS set
 * (raw xmpp.js cannot be given a CA any other way); the worker measures and reports JSON.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startProsody } from '@switchboard/testing';
import { type Login, rawXmppLogin, switchboardLogin, type Target } from './clients';
import { type Summary, summarize } from './stats';

interface Row {
  readonly mechanism: string;
  readonly switchboard: Summary;
  readonly xmppjs: Summary;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function measure(mechanism: string, runs: number, a: Login, b: Login): Promise<Row> {
  for (let i = 0; i < 3; i++) {
    await a(mechanism);
    await b(mechanism);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which client goes first so drift on a shared machine hits both alike.
    if (i % 2 === 0) {
      sa.push(await a(mechanism));
      sb.push(await b(mechanism));
    } else {
      sb.push(await b(mechanism));
      sa.push(await a(mechanism));
    }
  }
  return { mechanism, switchboard: summarize(sa), xmppjs: summarize(sb) };
}

async function worker(): Promise<void> {
  const target = JSON.parse(process.env.SB_BENCH_TARGET ?? '{}') as Target;
  const sbLogin = switchboardLogin(target);
  const rawLogin = rawXmppLogin(target);
  const rows = [
    await measure('PLAIN', arg('--runs', 200), sbLogin, rawLogin),
    await measure('SCRAM-SHA-1', arg('--scram-runs', 20), sbLogin, rawLogin),
  ];
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

function fmt(n: number): string {
  return n.toFixed(2);
}

function report(rows: readonly Row[]): string {
  const lines = [
    '| mechanism | runs | Switchboard median (ms) | p95 | @xmpp/client median (ms) | p95 | xmpp.js / Switchboard |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { mechanism, switchboard: s, xmppjs: x } of rows) {
    lines.push(
      `| ${mechanism} | ${s.runs} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(x.median)} | ${fmt(x.p95)} | ${fmt(x.median / s.median)}× |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const domain = 'bench.test';
  const password = 'bench-password';
  const server = await startProsody({
    authentication: 'internal_hashed',
    hosts: [{ domain, users: [{ username: 'bench', password }] }],
  });
  try {
    const caFile = join(server.dir, 'bench-ca.pem');
    await writeFile(caFile, server.ca);
    const target: Target = {
      host: server.host,
      port: server.port,
      domain,
      username: 'bench',
      password,
      ca: server.ca,
    };
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [...process.execArgv, process.argv[1] ?? '', '--worker', ...process.argv.slice(2)],
        {
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: caFile,
            SB_BENCH_TARGET: JSON.stringify(target),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`benchmark worker exited with ${code}`)),
      );
    });
    const rows = JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as Row[];
    process.stdout.write(
      `Login latency, connect → online (Prosody on loopback, Nagle off, ${new Date().toISOString()})\n\n`,
    );
    process.stdout.write(`${report(rows)}\n`);
  } finally {
    await server.stop();
  }
}

const run = process.argv.includes('--worker') ? worker : main;
run().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
