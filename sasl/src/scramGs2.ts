/**
 * The GS2 header of a SCRAM login (RFC 5802 §5.1, §7): the channel binding flag (`p=<type>`
 * for -PLUS, `y` or `n`) and the authorization identity, and the channel binding input `c=`
 * (RFC 5802 §5.1, RFC 5929, RFC 9266).
 */
import {
  type ChannelBindingType,
  type SaslLoginContext,
  SwitchboardError,
  toBase64,
  toBytes,
} from '@switchboard/core';

/** The binding a -PLUS login uses: its type and this connection's data of that type. */
export interface ScramBinding {
  readonly type: ChannelBindingType;
  readonly data: Uint8Array;
}

/** The GS2 flag and binding of one login. */
export interface Gs2Choice {
  /** `p=<type>`, `y` or `n`. */
  readonly flag: string;
  readonly binding?: ScramBinding;
}

/**
 * The flag for a login. A -PLUS mechanism (`plusTypes` set) binds with the first type in
 * `context.channelBindings` it supports whose data the connection produces, and fails with
 * SB_SASL_PROTOCOL (`details.reason: 'no-channel-binding'`) when there is none. Without
 * -PLUS: `y` when the connection could bind but the server offered no SCRAM -PLUS mechanism
 * (RFC 5802's downgrade signal: a server that does support binding refuses it), else `n`
 * (also without a context).
 */
export function chooseGs2Flag(
  mechanism: string,
  plusTypes: readonly ChannelBindingType[] | undefined,
  context: SaslLoginContext | undefined,
): Gs2Choice {
  if (plusTypes === undefined) {
    if (context === undefined || context.channelBindings.length === 0) return { flag: 'n' };
    const plusOffered = context.offered.some((name) => /^SCRAM-.+-PLUS$/.test(name));
    return { flag: plusOffered ? 'n' : 'y' };
  }
  for (const type of context?.channelBindings ?? []) {
    if (!plusTypes.includes(type)) continue;
    const data = context?.channelBindingData(type);
    if (data !== undefined) return { flag: `p=${type}`, binding: { type, data } };
  }
  throw new SwitchboardError(
    'SB_SASL_PROTOCOL',
    `${mechanism} was chosen, but this connection cannot produce any of its channel bindings (${plusTypes.join(', ')}). Nothing was sent.`,
    { details: { mechanism, reason: 'no-channel-binding' } },
  );
}

/** `c=`'s value: base64 of the GS2 header's bytes followed by the binding data, if any. */
export function channelBindingInput(gs2Header: string, binding: ScramBinding | undefined): string {
  const header = toBytes(gs2Header);
  if (binding === undefined) return toBase64(header);
  const whole = new Uint8Array(header.length + binding.data.length);
  whole.set(header);
  whole.set(binding.data, header.length);
  return toBase64(whole);
}
