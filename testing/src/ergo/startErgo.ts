import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { DaemonProcess } from '../process/DaemonProcess';
import { removeOnExit } from '../prosody/exitSafetyNet';
import { findExecutable } from '../prosody/findExecutable';
import { makeCertificates } from '../prosody/makeCertificates';
import { pickPorts } from '../prosody/pickPorts';
import type { ErgoAccount, ErgoOptions, ErgoServer } from './ErgoOptions';
import { ergoMissing } from './ergoMissing';
import { launchErgo } from './launchErgo';
import { planAccounts } from './planAccounts';
import { registerAccount } from './registerAccount';
import { ERGO_HISTORY, mergeConfig, renderErgoConfig } from './renderErgoConfig';

/** Port picks tried when another process takes a free port before ergo binds it. */
const PORT_ATTEMPTS = 3;

async function certificates(dir: string): Promise<Awaited<ReturnType<typeof makeCertificates>>> {
  try {
    return await makeCertificates(dir, ['irc.test']);
  } catch (cause) {
    const message = SwitchboardError.is(cause) ? cause.message : 'openssl failed.';
    throw new SwitchboardError('SB_ERGO_FAILED', message, { cause });
  }
}

/**
 * Starts Debian's ergo IRC server (`ergochat run --conf FILE`) as a child process on free
 * 127.0.0.1 ports, in its own temporary directory with config, datastore, throwaway CA,
 * certificate and log, and registers the accounts over its TLS listener (in-band
 * `draft/account-registration`, NickServ `CERT ADD` for a certfp). Always `stop()` it.
 *
 * @throws SwitchboardError `SB_CONFIG_INVALID` for an account ergo would refuse (before anything
 *   starts); `SB_ERGO_MISSING` if the binary is not installed; `SB_ERGO_FAILED` if ergo does not
 *   start (`details.log` has the last 40 log lines) or an account cannot be registered.
 */
export async function startErgo(options: ErgoOptions = {}): Promise<ErgoServer> {
  const accounts = planAccounts(options.accounts ?? []);
  const requested = options.ergoBinary ?? 'ergochat';
  const binary = await findExecutable(requested);
  if (binary === undefined) throw ergoMissing(requested);
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-ergo-'));
  removeOnExit(dir);
  const certDir = join(dir, 'certs');
  const logFile = join(dir, 'ergo.log');
  const configFile = join(dir, 'ircd.yaml');

  const server = new DaemonProcess(
    () => launchErgo({ binary, configFile, logFile, ports, timeoutMs }),
    dir,
    'SB_ERGO_FAILED',
  );

  let ports: number[] = [];
  try {
    await mkdir(certDir);
    const certs = await certificates(certDir);
    const writeConfig = async (): Promise<void> => {
      ports = (await pickPorts(options.plaintext === true ? ['tls', 'plain'] : ['tls'])).map(
        (p) => p.port,
      );
      const paths = {
        tlsPort: ports[0] ?? 0,
        plainPort: ports[1],
        certFile: certs.certFile,
        keyFile: certs.keyFile,
        datastore: join(dir, 'ircd.db'),
        lockFile: join(dir, 'ircd.lock'),
        logFile,
      };
      await writeFile(
        configFile,
        renderErgoConfig(
          paths,
          mergeConfig(options.history === true ? ERGO_HISTORY : {}, options.config ?? {}),
        ),
      );
    };
    await writeConfig();
    await server.start(writeConfig, PORT_ATTEMPTS);
    const tlsPort = ports[0] ?? 0;
    const connection = { port: tlsPort, tls: { ca: certs.caPem } };
    const register = (account: ErgoAccount): Promise<void> =>
      registerAccount(connection, planAccounts([account])[0] ?? account);
    for (const account of accounts) await register(account);
    return {
      host: '127.0.0.1',
      tlsPort,
      plainPort: ports[1],
      ca: certs.caPem,
      dir,
      logFile,
      registerAccount: register,
      log: () => readFile(logFile, 'utf8').catch(() => ''),
      kill: server.kill,
      restart: server.restart,
      stop: server.stop,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
