import { inspect } from 'node:util';
import { SwitchboardError } from '../errors/SwitchboardError';
import { scrubSecrets } from './scrubSecrets';

const PASSWORD = 'pw-Echoed-7731';
const TOKEN = 'tok/Echoed+99=';

/** Like xmpp.js's errors: the server's text in the message, a field, and the raw element. */
class ServerError extends Error {
  readonly condition = 'not-authorized';
  readonly text: string;
  readonly element: object;
  constructor(text: string) {
    super(`not-authorized - ${text}`);
    this.name = 'SASLError';
    this.text = text;
    const element: Record<string, unknown> = { name: 'failure', attrs: {}, children: [] };
    element.children = [{ name: 'text', attrs: {}, children: [text], parent: element }];
    this.element = element;
  }
}

/** Everything a host could print of an error, cause chain included. */
function everything(error: unknown): string {
  return [
    inspect(error, { depth: Number.POSITIVE_INFINITY }),
    JSON.stringify(error),
    String(error),
    (error as Error).stack ?? '',
  ].join('\n');
}

function saslFailure(text: string, cause?: unknown): SwitchboardError {
  return new SwitchboardError('SB_SASL_FAILURE', `The server rejected PLAIN: (${text}).`, {
    details: { condition: 'not-authorized', text, mechanism: 'PLAIN', nested: [{ deep: text }] },
    ...(cause === undefined ? {} : { cause }),
  });
}

describe(scrubSecrets, () => {
  it('when the message, details and causes echo the secret, none of them holds it after', () => {
    const echoed = `bad password ${PASSWORD}`;
    const error = saslFailure(echoed, new ServerError(echoed));
    expect(everything(error)).toContain(PASSWORD);

    const scrubbed = scrubSecrets(error, [PASSWORD]);

    expect(everything(scrubbed)).not.toContain(PASSWORD);
    expect(scrubbed).toBeInstanceOf(SwitchboardError);
    expect(scrubbed).toMatchObject({
      code: 'SB_SASL_FAILURE',
      message: 'The server rejected PLAIN: (bad password [redacted]).',
      details: {
        condition: 'not-authorized',
        text: 'bad password [redacted]',
        mechanism: 'PLAIN',
        nested: [{ deep: 'bad password [redacted]' }],
      },
    });
    expect(scrubbed.stack).toContain('bad password [redacted]');
  });

  it('when a cause is not a SwitchboardError, replaces it by a plain Error with its name and scrubbed message only', () => {
    const error = saslFailure('refused', new ServerError(`echo ${PASSWORD}`));
    const cause = scrubSecrets(error, [PASSWORD]).cause as Error & Record<string, unknown>;
    expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
    expect(cause.name).toBe('SASLError');
    expect(cause.message).toBe('not-authorized - echo [redacted]');
    expect(cause.element).toBeUndefined();
    expect(cause.text).toBeUndefined();
  });

  it('when the secret comes back base64- or percent-encoded, finds and scrubs it', () => {
    const plain = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
    const bearer = Buffer.from(`n,,\u0001auth=Bearer ${TOKEN}\u0001\u0001`).toString('base64');
    const error = saslFailure(`you sent ${plain}`, new Error(`and ${encodeURIComponent(TOKEN)}`));
    const scrubbed = scrubSecrets(
      new SwitchboardError('SB_REAUTH_REQUIRED', `token ${bearer}`, { cause: error }),
      [PASSWORD, TOKEN],
    );
    const text = everything(scrubbed);
    for (const leak of [PASSWORD, TOKEN, encodeURIComponent(TOKEN)]) {
      expect(text).not.toContain(leak);
    }
    // The base64 characters that depend on the secret's bytes alone are gone.
    expect(text).not.toContain(plain.slice(12, 28));
    expect(text).not.toContain(bearer.slice(24, 36));
    expect(text).toContain(`you sent ${plain.slice(0, 9)}`);
  });

  it('when a SwitchboardError is deep in the chain, keeps its code and details shape', () => {
    const inner = saslFailure(PASSWORD);
    const outer = new SwitchboardError('SB_REAUTH_REQUIRED', 'again', {
      cause: inner,
      details: { reason: 'rejected', text: PASSWORD },
    });
    const scrubbed = scrubSecrets(outer, [PASSWORD]);
    expect(scrubbed).toMatchObject({ code: 'SB_REAUTH_REQUIRED', details: { reason: 'rejected' } });
    expect(SwitchboardError.is(scrubbed.cause, 'SB_SASL_FAILURE')).toBe(true);
    expect((scrubbed.cause as SwitchboardError).details.text).toBe('[redacted]');
  });

  it('when nothing holds a secret, returns the same error untouched', () => {
    const error = saslFailure('plain refusal', new ServerError('plain refusal'));
    expect(scrubSecrets(error, [PASSWORD])).toBe(error);
    expect(scrubSecrets(error, [])).toBe(error);
  });

  it('when the rejection is not an error, scrubs strings and describes other objects', () => {
    expect(scrubSecrets(`raw ${PASSWORD}`, [PASSWORD])).toBe('raw [redacted]');
    expect(scrubSecrets({ said: [PASSWORD] }, [PASSWORD])).toEqual({ said: ['[redacted]'] });
    expect(scrubSecrets(undefined, [PASSWORD])).toBeUndefined();
  });

  it('when causes or details form a cycle, ends and scrubs every one', () => {
    const details: Record<string, unknown> = { text: PASSWORD };
    details.self = details;
    const first = new SwitchboardError('SB_STREAM_ERROR', PASSWORD, { details });
    const second = new Error(PASSWORD, { cause: first });
    Object.defineProperty(first, 'cause', { value: second });
    const scrubbed = scrubSecrets(first, [PASSWORD]);
    expect(inspect(scrubbed, { depth: Number.POSITIVE_INFINITY })).not.toContain(PASSWORD);
    expect((scrubbed.details.self as Record<string, unknown>).text).toBe('[redacted]');
  });
});
