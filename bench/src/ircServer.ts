import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ErgoAccount, startErgo } from '@switchboard/testing';
import type { IrcBenchServer } from './peers/ircPeers';
import { ircAccounts } from './scenarios/ircCredentials';
import { pool } from './scenarios/scale';

/** The benchmark's ergo with the file the workers trust. */
export interface RunningIrcBench {
  readonly server: IrcBenchServer;
  /** PEM file of the server's CA, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  stop(): Promise<void>;
}

/** Accounts registered at once (in-band registration, bcrypt cost 4). */
const REGISTER_CONCURRENCY = 16;

/**
 * What the benchmark changes in the testing kit's ergo config, which already has no connection
 * limits, throttling or fakelag. Fakelag stays off on purpose (and is named here so it cannot
 * change under the benchmark): with it, ergo's default holds every client to about two lines a
 * second after a burst of five, so the throughput row would measure the server's pacing, not the
 * libraries. The send queue grows from 96 KiB to 16 MiB: sender and receiver share one process,
 * and while the sender writes a burst the receiver does not read, so a small queue would end
 * the receiver's connection ("SendQ exceeded") instead of measuring anything.
 */
export const IRC_BENCH_CONFIG = {
  fakelag: { enabled: false },
  server: { 'max-sendq': '16m' },
} as const;

/**
 * One ergo (the testing kit's, loopback, direct TLS) with {@link IRC_BENCH_CONFIG} and every
 * account of {@link ircAccounts}, registered in-band before it returns.
 */
export async function startIrcBenchServer(scaleUsers: number): Promise<RunningIrcBench> {
  const ergo = await startErgo({ config: IRC_BENCH_CONFIG });
  try {
    const accounts = ircAccounts(scaleUsers);
    await pool(accounts.length, REGISTER_CONCURRENCY, (i) =>
      ergo.registerAccount(accounts[i] as ErgoAccount),
    );
    const caFile = join(ergo.dir, 'bench-ca.pem');
    await writeFile(caFile, ergo.ca);
    return {
      server: { host: ergo.host, tlsPort: ergo.tlsPort, ca: ergo.ca },
      caFile,
      stop: () => ergo.stop(),
    };
  } catch (error) {
    await ergo.stop();
    throw error;
  }
}
