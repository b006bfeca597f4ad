/**
 * SASL SCRAM Downgrade Protection (XEP-0474): the server puts `h=` in its SCRAM
 * server-first-message, the hash of the mechanisms and channel binding types it offered, so a
 * client sees when someone on the path removed the strong ones.
 */
import { type SaslLoginContext, SwitchboardError, toBase64 } from '@switchboard/core';
import { constantTimeEqual } from './constantTimeEqual';
import { type ScramHash, scramDigest } from './scramKeys';

const encoder = new TextEncoder();

/** Byte order of the UTF-8 forms, as Lua's `table.sort` compares strings. */
function byteOrder(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function sortedUnique(names: readonly string[]): string[] {
  return [...new Set(names)].sort(byteOrder);
}

/**
 * The string XEP-0474 hashes: the offered mechanisms, sorted in byte order, joined by 0x1E;
 * then, when the server advertised channel binding types (XEP-0440), 0x1F and those types,
 * sorted, joined by 0x1E. An absent or empty binding list adds nothing (Prosody's
 * mod_sasl_ssdp adds the part only when its SASL handler has binding types, and then it also
 * advertises them).
 */
export function ssdpString(
  mechanisms: readonly string[],
  channelBindings?: readonly string[],
): string {
  const list = sortedUnique(mechanisms).join('\u001e');
  if (channelBindings === undefined || channelBindings.length === 0) return list;
  return `${list}\u001f${sortedUnique(channelBindings).join('\u001e')}`;
}

/** base64(H(ssdpString)), the `h=` value a server with this offer sends. */
export async function ssdpHash(
  hash: ScramHash,
  mechanisms: readonly string[],
  channelBindings?: readonly string[],
): Promise<string> {
  return toBase64(await scramDigest(hash, encoder.encode(ssdpString(mechanisms, channelBindings))));
}

/**
 * Checks the server's `h=` against what this client saw offered (`context.offered` and
 * `context.serverChannelBindings`). Throws SB_SASL_DOWNGRADE (`details.reason: 'ssdp-mismatch'`)
 * when they differ: the exchange must stop before the client sends its proof.
 *
 * Prosody 13's mod_sasl_ssdp hashes the mechanisms of the SASL handler that runs the exchange,
 * filtered as its offer is, and the binding types of that handler. For SASL2 that handler is
 * mod_saslauth's (it replaces mod_sasl2's at stream features), which also advertises the XEP-0440
 * list; its mechanism list is the SASL2 offer (SCRAM -PLUS appears in both exactly when
 * tls-exporter or tls-unique is available). So `offered` is the list of the exchange's own
 * offer, classic or SASL2, and `serverChannelBindings` the stream's XEP-0440 list.
 */
export async function verifySsdp(
  h: string,
  hash: ScramHash,
  context: SaslLoginContext,
  mechanism: string,
): Promise<void> {
  const mechanisms = context.offered;
  const expected = await ssdpHash(hash, mechanisms, context.serverChannelBindings);
  if (constantTimeEqual(encoder.encode(h), encoder.encode(expected))) return;
  throw new SwitchboardError(
    'SB_SASL_DOWNGRADE',
    `The server's ${mechanism} challenge says it offered other mechanisms or channel bindings than this client received (XEP-0474): someone on the path may have removed the stronger ones. Authentication was stopped before any proof was sent.`,
    {
      details: {
        mechanism,
        reason: 'ssdp-mismatch',
        offered: [...mechanisms],
        ...(context.serverChannelBindings === undefined
          ? {}
          : { serverChannelBindings: [...context.serverChannelBindings] }),
      },
    },
  );
}
