import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Job } from './jobs';

/** The longest a worker may run (the benchmark stays bounded whatever a library does). */
const WORKER_LIMIT_MS = 15 * 60_000;

/** A worker that ended without a result; `reason` is its last words, in short. */
export class WorkerFailed extends Error {
  constructor(
    readonly kind: string,
    readonly reason: string,
  ) {
    super(`the ${kind} worker failed: ${reason}`);
    this.name = 'WorkerFailed';
  }
}

/** The gist of a dead worker's stderr: V8's out-of-memory report, else the last line. */
function reasonFrom(stderr: string, code: number | null, signal: string | null): string {
  if (stderr.includes('heap out of memory'))
    return 'JavaScript heap out of memory (Node’s default heap limit)';
  const last = stderr.trim().split('\n').at(-1)?.trim();
  return last || `exit code ${code ?? signal}`;
}

/**
 * Runs `job` in a fresh worker process (the same Node and TypeScript loader as this one, plus
 * `--expose-gc`) that trusts `caFile`; resolves with the worker's JSON result, rejects with
 * {@link WorkerFailed}. Its stderr is passed through.
 */
export function runWorker<T>(job: Job, caFile: string): Promise<T> {
  const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', worker], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, SB_BENCH_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      err += '\ntimed out after 15 minutes';
      child.kill('SIGKILL');
    }, WORKER_LIMIT_MS);
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      err = (err + chunk.toString()).slice(-8192);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new WorkerFailed(job.kind, reasonFrom(err, code, signal)));
        return;
      }
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as T);
    });
  });
}
