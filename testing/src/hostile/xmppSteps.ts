/**
 * Step sequences for hostile XMPP scripts: opening a stream, STARTTLS, waiting for SASL
 * elements and answering resource binding (RFC 6120 §4, §5, §6, §7).
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
import { bindResult, starttlsFeature, streamFeatures, streamHeader, tlsProceed } from './xmppText';

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
