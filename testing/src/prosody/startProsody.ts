import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardError } from '@switchboard/core';
import { DaemonProcess } from '../process/DaemonProcess';
import { checkProsodyFeatures } from './checkProsodyFeatures';
import { removeOnExit } from './exitSafetyNet';
import { findExecutable } from './findExecutable';
import { launchProsody, type ServicePort } from './launchProsody';
import { certificateFiles, makeCertificates } from './makeCertificates';
import type { ProsodyHost, ProsodyOptions } from './ProsodyOptions';
import type { ProsodyServer } from './ProsodyServer';
import { pickPorts } from './pickPorts';
import { planUsers } from './planUsers';
import { prosodyMissing } from './prosodyMissing';
import { readProsodyInstall } from './readProsodyInstall';
import { registerUser } from './registerUser';
import { registerUsers } from './registerUsers';
import { renderConfig, roomsDomain } from './renderConfig';

/** Port picks tried when another process takes a free port before Prosody binds it. */
const PORT_ATTEMPTS = 3;

async function requireBinary(name: string): Promise<string> {
  const found = await findExecutable(name);
  if (found === undefined) throw prosodyMissing(name);
  return found;
}

/** The services that must listen, by Prosody's names. */
function serviceNames(options: ProsodyOptions): string[] {
  const tls = options.tls ?? 'starttls';
  if (options.websocket === true && tls === 'none') {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      "websocket: true serves wss:// only and needs the certificate: drop tls: 'none' or websocket.",
      { details: { option: 'websocket' } },
    );
  }
  return [
    'c2s',
    ...(tls !== 'none' && options.directTls !== false ? ['c2s_direct_tls'] : []),
    ...(options.websocket === true ? ['https'] : []),
  ];
}

/**
 * Starts Debian's Prosody (`prosody --config FILE -F`) as a child process on free 127.0.0.1
 * ports, in its own temporary directory with config, data, throwaway CA, certificate, pidfile and
 * log, and registers the users (see {@link ProsodyHost.users}). Always `stop()` it (e.g. in
 * `afterAll`).
 *
 * @throws SwitchboardError `SB_CONFIG_INVALID` for `websocket` with `tls: 'none'` or a username
 *   that cannot be stored as given (before anything starts); `SB_PROSODY_MISSING` if `prosody` or
 *   `prosodyctl` is not installed; `SB_PROSODY_UNSUPPORTED` if `sasl2`, `ssdp` or
 *   `tlsServerEndPoint` is asked of a Prosody older than 13 or without the modules of Debian's
 *   `prosody-modules` (before anything starts); `SB_PROSODY_FAILED` if Prosody does not start (`details.log`
 *   has the last 40 log lines) or a user cannot be registered.
 */
/**
 * The `tls-server-end-point` binding of the kit's certificate (RFC 5929: SHA-256 of its DER, as
 * it is signed with SHA-256), once it exists. Prosody 13.0's `"auto"` works for its first
 * connection only (mod_saslauth clears the option after the first use), so the kit names it.
 */
function endPointHash(files: { readonly certFile?: string }): string | undefined {
  if (files.certFile === undefined || !existsSync(files.certFile)) return undefined;
  const der = new X509Certificate(readFileSync(files.certFile)).raw;
  return createHash('sha256').update(der).digest('hex');
}

export async function startProsody(options: ProsodyOptions = {}): Promise<ProsodyServer> {
  const hosts: readonly ProsodyHost[] = options.hosts ?? [{ domain: 'example.test' }];
  const names = serviceNames(options);
  const users = planUsers(options, hosts);
  const binary = await requireBinary(options.prosodyBinary ?? 'prosody');
  const ctl = await requireBinary(options.prosodyctlBinary ?? 'prosodyctl');
  const install = await readProsodyInstall(binary);
  await checkProsodyFeatures(options, install);
  const tls = options.tls ?? 'starttls';
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-prosody-'));
  removeOnExit(dir);
  const dataDir = join(dir, 'data');
  const certDir = join(dir, 'certs');
  const logFile = join(dir, 'prosody.log');
  const configFile = join(dir, 'prosody.cfg.lua');

  const server = new DaemonProcess(
    () => launchProsody({ binary, configFile, logFile, services, timeoutMs }),
    dir,
    'SB_PROSODY_FAILED',
  );

  let services: ServicePort[] = [];
  const portOf = (service: string): number | undefined =>
    services.find((s) => s.service === service)?.port;
  try {
    await Promise.all([mkdir(dataDir), mkdir(certDir)]);
    const domains = hosts.map((h) => h.domain);
    const files = tls === 'none' ? {} : certificateFiles(certDir);
    const writeConfig = async (): Promise<void> => {
      services = await pickPorts(names);
      const paths = { dataDir, certDir, logFile, pidFile: join(dir, 'prosody.pid') };
      const ports = {
        port: portOf('c2s') ?? 0,
        directTlsPort: portOf('c2s_direct_tls'),
        websocketPort: portOf('https'),
      };
      const config = {
        certFile: undefined,
        keyFile: undefined,
        ...paths,
        ...ports,
        ...files,
        serverEndPointHash: options.tlsServerEndPoint === true ? endPointHash(files) : undefined,
      };
      await writeFile(configFile, renderConfig(options, hosts, config));
    };
    await writeConfig();
    // Certificates and users do not depend on each other (all settled before a failure is thrown,
    // so nothing writes into the directory being removed).
    const made = tls === 'none' ? undefined : makeCertificates(certDir, domains);
    const settled = await Promise.allSettled([
      made,
      registerUsers(ctl, configFile, dataDir, users),
    ]);
    for (const result of settled) if (result.status === 'rejected') throw result.reason;
    const certs = await made;
    // The certificate's end-point hash goes into the configuration now that it exists.
    if (options.tlsServerEndPoint === true) await writeConfig();
    await server.start(writeConfig, PORT_ATTEMPTS);
    const websocketPort = portOf('https');
    return {
      host: '127.0.0.1',
      port: portOf('c2s') ?? 0,
      directTlsPort: portOf('c2s_direct_tls'),
      websocketUrl:
        websocketPort === undefined ? undefined : `wss://127.0.0.1:${websocketPort}/xmpp-websocket`,
      domains,
      version: install.version,
      roomsDomain: roomsDomain(options, hosts),
      ca: certs?.caPem ?? '',
      dir,
      logFile,
      registerUser: (domain, username, password) =>
        registerUser(ctl, configFile, domain, username, password),
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
