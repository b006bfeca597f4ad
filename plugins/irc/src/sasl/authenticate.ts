/**
 * One SASL exchange over IRC (https://ircv3.net/specs/extensions/sasl-3.1): `AUTHENTICATE
 * <mechanism>`, the server's `AUTHENTICATE +` or challenges (400-byte chunks), the client's
 * answers, then 903 (success) or a failure numeric as a coded error. The mechanism is the
 * registry's; only the framing is IRC's.
 */
import {
  type SaslCredentials,
  type SaslData,
  type SaslLoginContext,
  type SaslMechanismDefinition,
  SwitchboardError,
} from '@switchboard/core';
import type { IrcMessage } from '../wire/IrcMessage';
import { Numerics } from '../wire/numerics';
import { AuthenticateAssembler, authenticateChunks } from './authenticateChunks';
import { saslMechanisms, saslNumericError } from './saslNumerics';

/** What the exchange needs of the registration. */
export interface AuthenticateIo {
  /** Writes one line at once (SASL lines skip flood control); `redact` hides it in the log. */
  write(command: string, params: readonly string[], redact: boolean): Promise<void>;
  /** The next line `accept` takes. */
  next(accept: (message: IrcMessage) => boolean): Promise<IrcMessage>;
}

/** What a successful exchange learned. */
export interface Authenticated {
  /** The account name of RPL_LOGGEDIN (900), when the server sent it. */
  readonly account?: string;
}

const SASL_REPLIES = new Set([
  'AUTHENTICATE',
  Numerics.RPL_LOGGEDIN,
  Numerics.RPL_SASLSUCCESS,
  Numerics.ERR_NICKLOCKED,
  Numerics.ERR_SASLFAIL,
  Numerics.ERR_SASLTOOLONG,
  Numerics.ERR_SASLABORTED,
  Numerics.ERR_SASLALREADY,
  Numerics.RPL_SASLMECHS,
]);

function base64Of(data: SaslData | null | undefined): string {
  if (data === null || data === undefined) return '';
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Runs the exchange to 903; throws SB_SASL_FAILURE / SB_SASL_PROTOCOL / the mechanism's error.
 * `context` reaches the mechanism (`SaslMechanismDefinition.create`): the server name and the
 * account's SCRAM key cache; a failure numeric asks the mechanism's `failureDetails`, which
 * drops cached keys that did not work.
 */
export async function authenticate(
  io: AuthenticateIo,
  definition: SaslMechanismDefinition,
  credentials: SaslCredentials,
  context?: SaslLoginContext,
): Promise<Authenticated> {
  const mechanism = definition.create(context);
  const redact = definition.redaction !== 'none';
  const assembler = new AuthenticateAssembler();
  const send = async (data: SaslData | null | undefined): Promise<void> => {
    for (const chunk of authenticateChunks(base64Of(data))) {
      await io.write('AUTHENTICATE', [chunk], redact);
    }
  };
  let first = true;
  let mechanisms: string[] | undefined;
  let account: string | undefined;
  await io.write('AUTHENTICATE', [definition.name], false);
  for (;;) {
    const message = await io.next((m) => SASL_REPLIES.has(m.command));
    if (message.command === Numerics.RPL_SASLMECHS) {
      mechanisms = saslMechanisms(message);
      continue;
    }
    if (message.command === Numerics.RPL_LOGGEDIN) {
      account = message.params[2];
      continue;
    }
    if (message.command === Numerics.RPL_SASLSUCCESS) {
      await mechanism.success?.(null);
      return account === undefined ? {} : { account };
    }
    const failure = saslNumericError(message);
    if (failure !== undefined) {
      throw new SwitchboardError(failure.code, failure.message, {
        details: {
          ...failure.details,
          ...mechanism.failureDetails?.(),
          mechanism: definition.name,
          ...(mechanisms === undefined ? {} : { offered: mechanisms }),
        },
      });
    }
    const whole = assembler.push(message.params[0] ?? '');
    if (whole === undefined) continue;
    try {
      if (first && definition.clientFirst) {
        // The server's first `+` only invites the initial response.
        first = false;
        await send(await mechanism.response(credentials));
        continue;
      }
      first = false;
      await mechanism.challenge(Buffer.from(whole, 'base64'));
      await send(await mechanism.response(credentials));
    } catch (error) {
      await io.write('AUTHENTICATE', ['*'], false).catch(() => undefined);
      throw error;
    }
  }
}
