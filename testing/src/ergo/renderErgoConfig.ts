/** Paths and ports {@link renderErgoConfig} puts into the config. */
export interface ErgoPaths {
  readonly tlsPort: number;
  readonly plainPort: number | undefined;
  readonly certFile: string;
  readonly keyFile: string;
  readonly datastore: string;
  readonly lockFile: string;
  readonly logFile: string;
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `extra` merged into `base`: objects key by key, anything else replaced. */
export function mergeConfig(base: Tree, extra: Readonly<Tree>): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const old = out[key];
    out[key] = isTree(old) && isTree(value) ? mergeConfig(old, value) : value;
  }
  return out;
}

/** In-memory history for `draft/chathistory`: nothing replayed on join, no query cutoff. */
export const ERGO_HISTORY: Readonly<Tree> = {
  history: {
    enabled: true,
    'channel-length': 2048,
    'client-length': 256,
    'autoresize-window': '3d',
    'autoreplay-on-join': 0,
    'chathistory-maxmessages': 1000,
    'znc-maxmessages': 2048,
    restrictions: { 'expire-time': '1w', 'query-cutoff': 'none', 'grace-period': '1h' },
    persistent: { enabled: false },
  },
};

/**
 * ergo's config for a test server, as JSON (which YAML parsers read as YAML): listeners on
 * 127.0.0.1 only (TLS always, plain TCP if `plainPort`), no DNS or ident lookups, no cloaking, no
 * connection limits, throttling or fakelag (tests connect fast), in-band account registration
 * (also before the connection completes), SASL PLAIN, EXTERNAL and SCRAM-SHA-256
 * (`advertise-scram`), bcrypt cost 4, the datastore, lock file and log in the server's directory.
 */
export function renderErgoConfig(paths: ErgoPaths, extra: Readonly<Tree> = {}): string {
  const listeners: Tree = {
    [`127.0.0.1:${paths.tlsPort}`]: {
      tls: { cert: paths.certFile, key: paths.keyFile },
      'min-tls-version': 1.2,
    },
  };
  if (paths.plainPort !== undefined) listeners[`127.0.0.1:${paths.plainPort}`] = {};
  const config: Tree = {
    network: { name: 'SwitchboardTest' },
    server: {
      name: 'irc.test',
      listeners,
      casemapping: 'ascii',
      'enforce-utf8': true,
      'lookup-hostnames': false,
      'check-ident': false,
      'max-sendq': '96k',
      'ip-limits': { count: false, throttle: false },
      'ip-cloaking': { enabled: false },
    },
    accounts: {
      'authentication-enabled': true,
      registration: {
        enabled: true,
        'allow-before-connect': true,
        throttling: { enabled: false },
        'bcrypt-cost': 4,
      },
      'login-throttling': { enabled: false },
      'advertise-scram': true,
      multiclient: { enabled: true, 'allowed-by-default': true },
      'nick-reservation': { enabled: true, method: 'strict', 'force-nick-equals-account': false },
    },
    channels: { 'default-modes': '+nt', registration: { enabled: true } },
    logging: [
      {
        method: 'file',
        filename: paths.logFile,
        type: '* -userinput -useroutput',
        level: 'info',
      },
    ],
    'lock-file': paths.lockFile,
    datastore: { path: paths.datastore, autoupgrade: true },
    limits: {
      nicklen: 32,
      identlen: 20,
      realnamelen: 150,
      channellen: 64,
      awaylen: 390,
      kicklen: 390,
      topiclen: 390,
      'monitor-entries': 100,
      'whowas-entries': 100,
      'chan-list-modes': 100,
      'registration-messages': 1024,
    },
    fakelag: { enabled: false },
    history: { enabled: false },
  };
  return `${JSON.stringify(mergeConfig(config, extra), null, 2)}\n`;
}
