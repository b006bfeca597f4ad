/**
 * Step sequences for hostile XMPP scripts: opening a stream, STARTTLS, waiting for SASL
 * elements, answering resource binding (RFC 6120 §4, §5, §6, §7) and the client's stream
 * management elements (XEP-0198).
 */
import {
  closeConnection,
  expectData,
  type HostileStep,
  type StepContext,
  sendData,
  startTls,
} from './HostileStep';
import type { HostileCertificate } from './hostileCertificates';
import {
  bindResult,
  smEnabled,
  starttlsFeature,
  streamFeatures,
  streamHeader,
  tlsProceed,
} from './xmppText';

/** Waits for the client's stream header. */
export function expectStreamHeader(): HostileStep {
  return expectData(/<stream:stream\b[^>]*>/);
}

/** Waits for the client's stream header, then answers with ours and `<stream:features>`. */
export function openStream(domain: string, ...features: readonly string[]): HostileStep[] {
  return [expectStreamHeader(), sendData(streamHeader(domain) + streamFeatures(...features))];
}

/**
 * Opens the stream offering STARTTLS, waits for `<starttls/>`, answers `<proceed/>` and runs
 * the TLS handshake with `certificate`. The client's next stream header follows, encrypted.
 */
export function negotiateTls(certificate: HostileCertificate, domain: string): HostileStep[] {
  return [
    ...openStream(domain, starttlsFeature),
    expectData(/<starttls\b[^>]*>/),
    sendData(tlsProceed),
    startTls(certificate),
  ];
}

/** Waits for the client's SASL `<auth/>`; the match's group 1 is its base64 text. */
export function expectSaslAuth(): HostileStep {
  return expectData(/<auth\b[^>]*?(?:\/>|>([^<]*)<\/auth>)/);
}

/** Waits for the client's SASL `<response/>`; the match's group 1 is its base64 text. */
export function expectSaslResponse(): HostileStep {
  return expectData(/<response\b[^>]*?(?:\/>|>([^<]*)<\/response>)/);
}

/** The decoded SASL payload of the last {@link expectSaslAuth} or {@link expectSaslResponse}. */
export function saslPayload(context: StepContext): string {
  return Buffer.from(context.match?.[1] ?? '', 'base64').toString('utf8');
}

/** Waits for the resource binding request and assigns `jid` (RFC 6120 §7). */
export function bindResource(jid: string): HostileStep[] {
  return [
    expectData(/<iq\b([^>]*)>\s*<bind\b[\s\S]*?<\/iq>/),
    sendData(({ match }) => {
      const id = /\bid=(["'])(.*?)\1/.exec(match?.[1] ?? '')?.[2] ?? '';
      return bindResult(id, jid);
    }),
  ];
}

/**
 * Waits for the client to close its stream, answers `</stream:stream>` and closes the
 * connection: end an online script with it, so that logging out does not wait for a timeout.
 */
export function answerStreamClose(): HostileStep[] {
  return [expectData('</stream:stream>'), sendData('</stream:stream>'), closeConnection()];
}

/** An attribute's value in a matched start tag, in either quote style and any order. */
const attr = (name: string): string => `(?=[^>]*\\b${name}=["']([^"']*)["'])`;

/** Waits for the client's `<enable/>` (XEP-0198 §3) and answers `<enabled/>` with stream `id`. */
export function enableStreamManagement(id: string, resume = true): HostileStep[] {
  return [expectData(/<enable\b[^>]*>/), sendData(smEnabled(id, resume))];
}

/**
 * Waits for the client's `<resume/>` (XEP-0198 §5); the match's group 1 is its `previd`,
 * group 2 its `h`.
 */
export function expectSmResume(): HostileStep {
  return expectData(new RegExp(`<resume\\b${attr('previd')}${attr('h')}[^>]*>`));
}

/** Waits for the client's acknowledgement `<a/>` (XEP-0198 §4); group 1 is its `h`. */
export function expectSmAck(): HostileStep {
  return expectData(new RegExp(`<a\\b(?=[^>]*\\bxmlns=["']urn:xmpp:sm:3["'])${attr('h')}[^>]*>`));
}
