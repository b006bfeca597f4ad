import { SwitchboardError } from '../../errors/SwitchboardError';

/** How an account keeps its connection alive and notices when it died. */
export interface LivenessOptions {
  /**
   * After this many ms with nothing sent, send a keepalive, so providers that drop idle
   * connections keep this one. Keep it below the provider's idle limit. Default 60,000.
   */
  readonly keepaliveMs: number;
  /**
   * `whitespace`: one space character, the cheapest keepalive (RFC 6120 §4.6.1); `probe`: a
   * request the server answers (XEP-0199 ping), which also proves the link works. Default
   * `whitespace`.
   */
  readonly keepalive: 'whitespace' | 'probe';
  /** After this many ms with nothing received, probe the server. Default 90,000. */
  readonly probeAfterMs: number;
  /**
   * A probe not answered within this many ms declares the connection dead: it is closed with
   * SB_CONNECTION_LOST (and reconnected if allowed). A dead link is therefore noticed at most
   * `probeAfterMs + probeTimeoutMs` (plus one check interval) after the last data. Default 15,000.
   */
  readonly probeTimeoutMs: number;
}

/** The defaults of {@link LivenessOptions}; profiles override them for their provider. */
export const livenessDefaults: LivenessOptions = {
  keepaliveMs: 60_000,
  keepalive: 'whitespace',
  probeAfterMs: 90_000,
  probeTimeoutMs: 15_000,
};

/** Profile defaults overlaid by the account's settings; `false` turns liveness off. */
export function resolveLiveness(
  profile: Partial<LivenessOptions> | undefined,
  account: Partial<LivenessOptions> | false | undefined,
): LivenessOptions | undefined {
  if (account === false) return undefined;
  const options = { ...livenessDefaults, ...profile, ...account };
  for (const field of ['keepaliveMs', 'probeAfterMs', 'probeTimeoutMs'] as const) {
    if (!(options[field] > 0)) {
      throw new SwitchboardError('SB_CONFIG_INVALID', `liveness.${field} must be > 0.`, {
        details: { field: `liveness.${field}` },
      });
    }
  }
  if (options.keepalive !== 'whitespace' && options.keepalive !== 'probe') {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      "liveness.keepalive must be 'whitespace' or 'probe'.",
      {
        details: { field: 'liveness.keepalive' },
      },
    );
  }
  return options;
}
