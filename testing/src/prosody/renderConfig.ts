import type { ProsodyHost, ProsodyOptions } from './ProsodyOptions';

/** Everything the config needs besides the options: paths and ports of one server. */
export interface ConfigPaths {
  /** `data_path`. */
  readonly dataDir: string;
  /** `certificates`: the directory Prosody indexes for certificates. */
  readonly certDir: string;
  /** `pidfile`. */
  readonly pidFile: string;
  /** The log sink. */
  readonly logFile: string;
  /** `c2s_ports`. */
  readonly port: number;
  /** `c2s_direct_tls_ports`, if direct TLS is on. */
  readonly directTlsPort: number | undefined;
  /** `https_ports`, if the WebSocket endpoint is on. */
  readonly websocketPort: number | undefined;
  /** The server certificate, absent with `tls: 'none'`. */
  readonly certFile: string | undefined;
  /** The server key, absent with `tls: 'none'`. */
  readonly keyFile: string | undefined;
  /**
   * With `tlsServerEndPoint`: the certificate's `tls-server-end-point` hash in hex, once the
   * certificate exists (`"auto"` before: Prosody 13.0 honours that for one connection only).
   */
  readonly serverEndPointHash?: string | undefined;
}

/** A Lua string literal (JSON escapes are valid Lua escapes for these paths and names). */
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
  'offline',
];

/** `NAME = { certificate = ...; key = ... }`, or nothing without a certificate. */
function sslLine(paths: ConfigPaths, name = 'ssl'): string {
  if (paths.certFile === undefined || paths.keyFile === undefined) return '';
  return `${name} = { certificate = ${lua(paths.certFile)}; key = ${lua(paths.keyFile)} }`;
}

/**
 * `mod_websocket` on mod_http's HTTPS service only: the `http` service (plain, 5280 by default)
 * gets no port, the `https` one the given port on 127.0.0.1 with the c2s certificate
 * (`https_ssl`, read by Prosody's portmanager for the `https` service before the global `ssl`).
 */
function websocketLines(paths: ConfigPaths): string[] {
  if (paths.websocketPort === undefined) return [];
  return [
    'http_ports = { }',
    'http_interfaces = { "127.0.0.1" }',
    `https_ports = { ${paths.websocketPort} }`,
    'https_interfaces = { "127.0.0.1" }',
    sslLine(paths, 'https_ssl'),
  ];
}

function hostSection(host: ProsodyHost, options: ProsodyOptions, paths: ConfigPaths): string {
  const lines = [
    `VirtualHost ${lua(host.domain)}`,
    host.anonymous === true ? 'authentication = "anonymous"' : '',
    sslLine(paths),
    options.hostConfig?.[host.domain] ?? '',
    host.config ?? '',
  ];
  return lines.filter((l) => l !== '').join('\n');
}

/** The multi-user chat service's domain, when `rooms` is on. */
export function roomsDomain(
  options: ProsodyOptions,
  hosts: readonly ProsodyHost[],
): string | undefined {
  const { rooms } = options;
  if (rooms === undefined || rooms === false) return undefined;
  if (rooms !== true) return rooms.domain;
  return `conference.${hosts[0]?.domain ?? 'example.test'}`;
}

/**
 * The `muc` component: open room creation, rooms kept after the last occupant leaves only when
 * configured persistent, and archived with `archive` (`muc_mam`, every room by default).
 */
function roomsSection(domain: string, options: ProsodyOptions): string {
  return [
    `Component ${lua(domain)} "muc"`,
    'restrict_room_creation = false',
    'muc_tombstones = false',
    options.archive === true ? 'modules_enabled = { "muc_mam" }' : '',
    options.archive === true ? 'muc_log_by_default = true' : '',
    options.archive === true ? 'muc_log_all_rooms = true' : '',
    'max_history_messages = 50',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** `mod_sasl2` and its companions from Debian's `prosody-modules` (Prosody 13). */
export function sasl2Modules(options: ProsodyOptions): string[] {
  const { sasl2 } = options;
  if (sasl2 === undefined || sasl2 === false) return [];
  const fast = sasl2 === true || sasl2.fast !== false;
  return [
    'sasl2',
    'sasl2_bind2',
    ...(options.streamManagement === false ? [] : ['sasl2_sm']),
    ...(fast ? ['sasl2_fast'] : []),
  ];
}

/**
 * The Lua configuration of one test server: 127.0.0.1 only (and ::1 with `ipv6`), no s2s, no components but the optional multi-user chat service, Nagle off
 * (for every listener, HTTPS included), one certificate for every virtual host (STARTTLS, direct
 * TLS and, with a `websocketPort`, WebSocket over HTTPS; no HTTP otherwise).
 */
export function renderConfig(
  options: ProsodyOptions,
  hosts: readonly ProsodyHost[],
  paths: ConfigPaths,
): string {
  const tls = options.tls ?? 'starttls';
  const sm = options.streamManagement;
  const modules = [
    ...BASE_MODULES,
    ...(sm === false ? [] : ['smacks']),
    ...(paths.websocketPort === undefined ? [] : ['http', 'websocket']),
    ...(options.archive === true ? ['mam'] : []),
    ...(options.carbons === true ? ['carbons'] : []),
    ...sasl2Modules(options),
    ...(options.ssdp === true ? ['sasl_ssdp'] : []),
    ...(options.modules ?? []),
  ].filter((m) => tls !== 'none' || m !== 'tls');
  const hibernation = sm === false ? undefined : sm?.hibernationSeconds;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const global = [
    `pidfile = ${lua(paths.pidFile)}`,
    `data_path = ${lua(paths.dataDir)}`,
    `certificates = ${lua(paths.certDir)}`,
    `plugin_paths = { ${(options.pluginPaths ?? []).map(lua).join(', ')} }`,
    `interfaces = { "127.0.0.1"${options.ipv6 === true ? ', "::1"' : ''} }`,
    'local_interfaces = { "127.0.0.1" }',
    `c2s_ports = { ${paths.port} }`,
    `c2s_direct_tls_ports = { ${paths.directTlsPort ?? ''} }`,
    'legacy_ssl_ports = { }',
    `run_as_root = ${root}`,
    `modules_enabled = { ${modules.map(lua).join(', ')} }`,
    'modules_disabled = { "s2s" }',
    'network_settings = { nagle = false }',
    `log = { ${options.logLevel ?? 'info'} = ${lua(paths.logFile)} }`,
    `authentication = ${lua(options.authentication ?? 'internal_plain')}`,
    'storage = "internal"',
    `c2s_require_encryption = ${tls !== 'none'}`,
    tls === 'none' ? 'allow_unencrypted_plain_auth = true' : '',
    sslLine(paths),
    ...websocketLines(paths),
    hibernation === undefined ? '' : `smacks_hibernation_time = ${hibernation}`,
    options.tlsServerEndPoint === true
      ? `tls_server_end_point_hash = ${lua(paths.serverEndPointHash ?? 'auto')}`
      : '',
    ...(options.archive === true
      ? [
          'default_archive_policy = true',
          'archive_expires_after = "1w"',
          'max_archive_query_results = 1000',
        ]
      : []),
    options.extraConfig ?? '',
  ];
  const sections = hosts.map((h) => hostSection(h, options, paths));
  const rooms = roomsDomain(options, hosts);
  if (rooms !== undefined) sections.push(roomsSection(rooms, options));
  return `${global.filter((l) => l !== '').join('\n')}\n\n${sections.join('\n\n')}\n`;
}
