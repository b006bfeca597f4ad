import type { ProsodyHost, ProsodyOptions } from './ProsodyOptions';

/** Everything the config needs besides the options. */
export interface ConfigPaths {
  readonly dataDir: string;
  readonly pidFile: string;
  readonly logFile: string;
  readonly port: number;
  readonly directTlsPort: number | undefined;
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
}

const lua = (s: string): string => JSON.stringify(s);

const BASE_MODULES = [
  'roster',
  'saslauth',
  'tls',
  'disco',
  'ping',
  'presence',
  'message',
  'iq',
  'vcard',
];

function hostSection(host: ProsodyHost, paths: ConfigPaths): string {
  const lines = [`VirtualHost ${lua(host.domain)}`];
  if (host.anonymous === true) lines.push('  authentication = "anonymous"');
  if (paths.certFile !== undefined && paths.keyFile !== undefined) {
    lines.push(`  ssl = { certificate = ${lua(paths.certFile)}; key = ${lua(paths.keyFile)} }`);
  }
  if (host.config !== undefined) lines.push(host.config);
  return lines.join('\n');
}

/** The Lua configuration of one test server: loopback only, no s2s, Nagle off. */
export function renderConfig(
  options: ProsodyOptions,
  hosts: readonly ProsodyHost[],
  paths: ConfigPaths,
): string {
  const tls = options.tls ?? 'starttls';
  const modules = [...BASE_MODULES, ...(options.modules ?? [])].filter(
    (m) => tls !== 'none' || m !== 'tls',
  );
  const global = [
    `pidfile = ${lua(paths.pidFile)}`,
    `data_path = ${lua(paths.dataDir)}`,
    `plugin_paths = { ${(options.pluginPaths ?? []).map(lua).join(', ')} }`,
    'interfaces = { "127.0.0.1" }',
    'local_interfaces = { "127.0.0.1" }',
    `c2s_ports = { ${paths.port} }`,
    `c2s_direct_tls_ports = { ${paths.directTlsPort ?? ''} }`,
    'legacy_ssl_ports = { }',
    'daemonize = false',
    `run_as_root = ${typeof process.getuid === 'function' && process.getuid() === 0 ? 'true' : 'false'}`,
    `modules_enabled = { ${modules.map(lua).join(', ')} }`,
    'modules_disabled = { "s2s" }',
    'network_settings = { nagle = false }',
    `log = { ${options.logLevel ?? 'info'} = ${lua(paths.logFile)} }`,
    `authentication = ${lua(options.authentication ?? 'internal_plain')}`,
    'storage = "internal"',
    tls === 'none'
      ? 'c2s_require_encryption = false\nallow_unencrypted_plain_auth = true'
      : 'c2s_require_encryption = true',
    paths.certFile !== undefined && paths.keyFile !== undefined
      ? `ssl = { certificate = ${lua(paths.certFile)}; key = ${lua(paths.keyFile)} }`
      : '',
    options.extraConfig ?? '',
  ];
  return `${global.filter((l) => l !== '').join('\n')}\n\n${hosts.map((h) => hostSection(h, paths)).join('\n\n')}\n`;
}
