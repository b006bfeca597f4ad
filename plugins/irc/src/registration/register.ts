/**
 * Connection registration (https://modern.ircdocs.horse/#connection-registration) with IRCv3
 * capability negotiation (`CAP LS 302`) and SASL through the registry: `CAP LS`, `NICK`, `USER`,
 * `CAP REQ`, `AUTHENTICATE`, `CAP END`, then the welcome burst up to the end of the MOTD.
 */
import {
  noMechanismError,
  type SaslCredentials,
  type SaslLoginContext,
  type SaslRegistry,
  type ScramKeyCache,
  type SelectionPolicy,
  type SessionSink,
  SwitchboardError,
} from '@switchboard/core';
import type { IrcConnection } from '../connection/IrcConnection';
import { authenticate } from '../sasl/authenticate';
import { CapLsCollector, capSubcommand, parseCapList } from '../wire/capabilities';
import type { IrcMessage } from '../wire/IrcMessage';
import { Isupport } from '../wire/Isupport';
import { Numerics } from '../wire/numerics';
import { Inbox } from './Inbox';
import { nickAfterCollision } from './nickAfterCollision';
import { registrationError } from './registrationErrors';
import { capRequests, WANTED_CAPS } from './wantedCaps';

/** What registration needs. */
export interface RegistrationOptions {
  readonly connection: IrcConnection;
  readonly secure: boolean;
  readonly allowInsecure: boolean;
  readonly nick: string;
  readonly username: string;
  readonly realname: string;
  readonly registry: SaslRegistry;
  readonly credentials: SaslCredentials;
  readonly policy: Omit<SelectionPolicy, 'secure' | 'allowInsecure'>;
  readonly sink: Pick<SessionSink, 'authenticating' | 'mechanismSelected'>;
  /** Longest silence of the server during registration, and a third of the whole budget. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** How many other nicks to try when the wanted one is taken. Default 5. */
  readonly nickAttempts?: number;
  /** The server's name for the SASL login context (the SCRAM key cache's key). */
  readonly saslServer?: string;
  /** The account's SCRAM key cache, handed to the mechanism. */
  readonly scramKeys?: ScramKeyCache | undefined;
}

/** A registered connection. */
export interface Registered {
  readonly kind: 'registered';
  /** The nick the server gave (RPL_WELCOME). */
  readonly nick: string;
  /** The capabilities the server acknowledged, with the values it offered. */
  readonly caps: Map<string, string>;
  /** Everything the server offered in `CAP LS` (e.g. `sts`, which is not requested). */
  readonly offered: ReadonlyMap<string, string>;
  readonly isupport: Isupport;
  /** The account RPL_LOGGEDIN named. */
  readonly account?: string;
  /** Lines that came after the welcome and belong to the session. */
  readonly early: readonly IrcMessage[];
}

/** A plain connection whose server named a TLS port through STS: connect there instead. */
export interface UpgradeRequired {
  readonly kind: 'upgrade';
  readonly port: number;
}

const END_OF_WELCOME = new Set(['376', '422']);

/** Lines after the welcome kept for the session; a burst with more is a flood, refused. */
const MAX_EARLY = 500;

function line(command: string, ...params: string[]): IrcMessage {
  return { tags: new Map(), command, params };
}

/**
 * Registers the connection. Throws a coded error: SB_TIMEOUT (the server went quiet, or took
 * over three times `timeoutMs` in all), SB_ABORTED, SB_TLS_REQUIRED, SB_SASL_NO_MECHANISM,
 * SASL failures, SB_IRC_NICK_REFUSED, SB_IRC_REFUSED, SB_CONNECTION_CLOSED, SB_IRC_MALFORMED.
 */
export async function register(
  options: RegistrationOptions,
): Promise<Registered | UpgradeRequired> {
  const { connection } = options;
  const inbox = new Inbox();
  const write = (message: IrcMessage, redact = false): Promise<void> =>
    connection.write(message, { urgent: true, redact });
  let nick = options.nick;
  let attempts = 0;
  let welcomed = false;
  let idle: NodeJS.Timeout | undefined;
  const quiet = (): void => {
    clearTimeout(idle);
    idle = setTimeout(
      () => inbox.fail(timeout('The IRC server went quiet during registration.', options)),
      options.timeoutMs,
    );
  };
  const overall = setTimeout(
    () => inbox.fail(timeout('The IRC server did not finish registration in time.', options)),
    options.timeoutMs * 3,
  );
  const onAbort = (): void =>
    inbox.fail(
      SwitchboardError.is(options.signal?.reason)
        ? options.signal.reason
        : new SwitchboardError('SB_ABORTED', 'The login was given up.'),
    );
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) onAbort();
  connection.onClose = (error) =>
    inbox.fail(error ?? new SwitchboardError('SB_CONNECTION_CLOSED', 'The IRC connection closed.'));
  connection.onMessage = (message) => {
    quiet();
    if (message.command === 'PING') {
      void write(line('PONG', ...message.params.slice(0, 1))).catch(() => undefined);
      return;
    }
    if (!welcomed && (message.command === '433' || message.command === '436')) {
      attempts++;
      if (attempts > (options.nickAttempts ?? 5)) {
        inbox.fail(registrationError(message, nick) as SwitchboardError);
        return;
      }
      nick = nickAfterCollision(options.nick, attempts);
      void write(line('NICK', nick)).catch(() => undefined);
      return;
    }
    const refused = registrationError(message, nick);
    if (refused !== undefined) {
      inbox.fail(refused);
      return;
    }
    inbox.push(message);
  };
  quiet();
  try {
    await write(line('CAP', 'LS', '302'));
    await write(line('NICK', nick));
    await write(line('USER', options.username, '0', '*', options.realname));
    const offered = await listCaps(inbox);
    if (offered.has('sts') && !options.secure) {
      const port = Number(/(?:^|,)port=(\d+)/.exec(offered.get('sts') ?? '')?.[1]);
      if (port >= 1 && port <= 65535) return { kind: 'upgrade', port };
    }
    if (!options.secure && !options.allowInsecure) {
      throw new SwitchboardError(
        'SB_TLS_REQUIRED',
        'The IRC connection is not encrypted and the server named no TLS port (STS), so no credential was sent.',
      );
    }
    const caps = await requestCaps(inbox, write, offered);
    options.sink.authenticating();
    const account = await saslLogin(options, caps, offered, inbox, write);
    await write(line('CAP', 'END'));
    const isupport = new Isupport();
    const early: IrcMessage[] = [];
    for (;;) {
      const message = await inbox.next(() => true);
      if (message.command === Numerics.RPL_WELCOME) {
        welcomed = true;
        nick = message.params[0] ?? nick;
      } else if (message.command === Numerics.RPL_ISUPPORT) isupport.add(message);
      else if (welcomed && END_OF_WELCOME.has(message.command)) break;
      else if (welcomed && !/^\d{3}$/.test(message.command)) {
        if (early.length >= MAX_EARLY) throw burstFlood();
        early.push(message);
      }
    }
    return {
      kind: 'registered',
      nick,
      caps,
      offered,
      isupport,
      early,
      ...(account === undefined ? {} : { account }),
    };
  } finally {
    clearTimeout(idle);
    clearTimeout(overall);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function burstFlood(): SwitchboardError {
  return new SwitchboardError(
    'SB_IRC_MALFORMED',
    'The IRC server sent too many lines before the end of its welcome; the connection is closed.',
    { details: { reason: 'registration-flood', limit: MAX_EARLY } },
  );
}

function timeout(message: string, options: RegistrationOptions): SwitchboardError {
  return new SwitchboardError('SB_TIMEOUT', message, { details: { timeoutMs: options.timeoutMs } });
}

async function listCaps(inbox: Inbox): Promise<Map<string, string>> {
  const collector = new CapLsCollector();
  for (;;) {
    const message = await inbox.next(
      (m) => capSubcommand(m) === 'LS' || m.command === Numerics.RPL_WELCOME,
    );
    // A server without IRCv3 capabilities welcomes at once: it has no SASL.
    if (message.command === Numerics.RPL_WELCOME) return new Map();
    const whole = collector.add(message);
    if (whole !== undefined) return new Map(whole);
  }
}

async function requestCaps(
  inbox: Inbox,
  write: (message: IrcMessage) => Promise<void>,
  offered: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const wanted = WANTED_CAPS.filter((name) => offered.has(name));
  const caps = new Map<string, string>();
  for (const request of capRequests(wanted)) {
    await write(line('CAP', 'REQ', request));
    const answer = await inbox.next((m) => {
      const sub = capSubcommand(m);
      return sub === 'ACK' || sub === 'NAK';
    });
    if (capSubcommand(answer) === 'NAK') continue;
    for (const name of parseCapList(answer.params[2] ?? '').keys()) {
      if (!name.startsWith('-')) caps.set(name, offered.get(name) ?? '');
    }
  }
  return caps;
}

async function saslLogin(
  options: RegistrationOptions,
  caps: ReadonlyMap<string, string>,
  offered: ReadonlyMap<string, string>,
  inbox: Inbox,
  write: (message: IrcMessage, redact?: boolean) => Promise<void>,
): Promise<string | undefined> {
  const { registry } = options;
  const policy: SelectionPolicy = {
    ...options.policy,
    secure: options.secure,
    allowInsecure: options.allowInsecure,
  };
  // SASL 3.1 servers list no mechanisms: then the account's (or profile's) order is the offer.
  const listed = (offered.get('sasl') ?? '').split(',').filter((name) => name !== '');
  const mechanisms = caps.has('sasl')
    ? listed.length > 0
      ? listed
      : [...(policy.accountMechanisms ?? policy.profileMechanisms ?? [])]
    : [];
  const { mechanism, trace } = registry.select(mechanisms, policy);
  if (mechanism === undefined) throw noMechanismError(registry, mechanisms, trace, policy);
  options.sink.mechanismSelected(mechanism.name, trace);
  const io = {
    write: (command: string, params: readonly string[], redact: boolean) =>
      write({ tags: new Map(), command, params: [...params] }, redact),
    next: (accept: (message: IrcMessage) => boolean) => inbox.next(accept),
  };
  const redact = mechanism.redaction !== 'none';
  options.connection.redactIncoming = (m) => redact && m.command === 'AUTHENTICATE';
  // IRC SASL has no channel binding here: -PLUS mechanisms are never eligible (no policy types).
  const context: SaslLoginContext = {
    channelBindings: [],
    channelBindingData: () => undefined,
    // Only what the server listed: an account's own order is no offer to check XEP-0474 against.
    offered: listed,
    ...(options.saslServer === undefined ? {} : { server: options.saslServer }),
    ...(options.scramKeys === undefined ? {} : { scramKeys: options.scramKeys }),
  };
  const result = await authenticate(io, mechanism, options.credentials, context);
  return result.account;
}
