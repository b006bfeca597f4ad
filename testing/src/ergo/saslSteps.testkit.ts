import type { IrcLineClient } from './IrcLineClient';
import type { IrcLine } from './parseIrcLine';

/** The numerics that end a SASL exchange: 903 success, 902/904/905/906/907/908 failure. */
const SASL_END = ['903', '902', '904', '905', '906', '907', '908'];

/**
 * Runs one SASL exchange with a single client message on a client that has not completed the
 * connection: `NICK`, `CAP REQ :sasl`, `AUTHENTICATE mechanism`, then `payload` base64-encoded
 * (`+` for an empty one) after the server's `AUTHENTICATE +`. Resolves with the numeric that ends
 * it; the lines before it stay in `client.received`.
 */
export async function saslSingleStep(
  client: IrcLineClient,
  nick: string,
  mechanism: string,
  payload: string,
): Promise<IrcLine> {
  client.send(`NICK ${nick}`);
  client.send('CAP REQ :sasl');
  await client.next((l) => l.command === 'CAP' && l.params[1] === 'ACK');
  client.send(`AUTHENTICATE ${mechanism}`);
  await client.next((l) => l.command === 'AUTHENTICATE' && l.params[0] === '+');
  client.send(`AUTHENTICATE ${payload === '' ? '+' : Buffer.from(payload).toString('base64')}`);
  return client.nextCommand(...SASL_END);
}
