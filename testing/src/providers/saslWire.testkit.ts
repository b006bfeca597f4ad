/**
 * Test helpers for the provider-emulation specs: raw SASL over a verified STARTTLS stream,
 * resource binding and IQs, with the server's answers returned as the XML text that came over
 * the wire. Built on the kit's xmppProbe helpers.
 */
import type { ProsodyServer } from '../prosody/ProsodyServer';
import {
  mechanisms,
  openStream,
  type Probe,
  startTls,
  streamHeader,
} from '../prosody/xmppProbe.testkit';

export { mechanisms, type Probe };

const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const ANSWER = /<success[^>]*\/>|<\/success>|<\/challenge>|<\/failure>/;

/** Opens a stream to `domain`, does STARTTLS verified against the server's CA. */
export async function connectTls(server: ProsodyServer, domain: string): Promise<Probe> {
  const plain = await openStream(server.host, server.port, domain);
  return startTls(plain, domain, server.ca);
}

/** The SASL answer element at the start of `text` onwards (success, challenge or failure). */
function answerIn(text: string): string {
  return text.slice(text.search(/<(success|challenge|failure)/));
}

/**
 * Sends `<auth mechanism=…>` with `text` verbatim as its content (`undefined`: no content) and
 * `attrs` verbatim inside the tag; returns the server's answer element.
 */
export async function auth(
  probe: Probe,
  mechanism: string,
  text: string | undefined,
  attrs = '',
): Promise<string> {
  const open = `<auth xmlns='${SASL}' mechanism='${mechanism}'${attrs === '' ? '' : ` ${attrs}`}`;
  probe.socket.write(text === undefined ? `${open}/>` : `${open}>${text}</auth>`);
  return answerIn(await probe.read.until(ANSWER));
}

/** Sends `<response>` with `text` verbatim; returns the server's answer element. */
export async function respond(probe: Probe, text: string): Promise<string> {
  probe.socket.write(`<response xmlns='${SASL}'>${text}</response>`);
  return answerIn(await probe.read.until(ANSWER));
}

/** Base64 of a UTF-8 (or binary `\0`/`\x01`) string. */
export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** The decoded text of a `<challenge>` element, or undefined if `answer` is not one. */
export function challengeText(answer: string): string | undefined {
  const m = /<challenge[^>]*>([^<]*)<\/challenge>/.exec(answer);
  return m === null ? undefined : Buffer.from(m[1] ?? '', 'base64').toString('utf8');
}

/** After `<success/>`: restarts the stream and binds resource `resource`; returns the full JID. */
export async function bind(probe: Probe, domain: string, resource = 'test'): Promise<string> {
  probe.socket.write(streamHeader(domain));
  await probe.read.until('</stream:features>');
  const result = await iq(
    probe,
    `<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`,
  );
  const jid = /<jid>([^<]+)<\/jid>/.exec(result)?.[1];
  if (jid === undefined) throw new Error(`bind failed: ${result}`);
  return jid;
}

/** Sends an IQ (whose id attribute is quoted with ') and returns the server's answer to it. */
export async function iq(probe: Probe, xml: string): Promise<string> {
  const id = /id='([^']+)'/.exec(xml)?.[1];
  if (id === undefined) throw new Error(`no id in ${xml}`);
  probe.socket.write(xml);
  const answer = new RegExp(`<iq[^>]*id=['"]${id}['"][^>]*?(/>|>[\\s\\S]*?</iq>)`);
  const text = await probe.read.until(answer);
  return text.slice(text.search(answer));
}

/** Logs in to `domain` with `mechanism` and `text` (verbatim `<auth/>` content) and binds. */
export async function loginAndBind(
  server: ProsodyServer,
  domain: string,
  mechanism: string,
  text: string,
): Promise<Probe> {
  const probe = await connectTls(server, domain);
  const answer = await auth(probe, mechanism, text);
  if (!answer.startsWith('<success')) throw new Error(`login failed: ${answer}`);
  await bind(probe, domain);
  return probe;
}
