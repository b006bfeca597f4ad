/**
 * Outbound flood control settings from the account's `parameters.flood`: `off`, or
 * `<burst>/<intervalMs>` (lines at once, then one line per interval). Default `5/2000`: the pace
 * of long-standing clients (irssi, WeeChat), which no network kills for flooding.
 */
import { SwitchboardError } from '@switchboard/core';
import type { TokenBucketOptions } from '../wire/TokenBucket';

/** The default burst and interval. */
export const DEFAULT_FLOOD: TokenBucketOptions = { capacity: 5, refillMs: 2000 };

/** The token bucket settings for `value`, or `false` for `off`; SB_CONFIG_INVALID otherwise. */
export function floodOptions(value: string | undefined): TokenBucketOptions | false {
  if (value === undefined) return DEFAULT_FLOOD;
  if (value === 'off') return false;
  const match = /^(\d{1,4})\/(\d{1,6})$/.exec(value);
  const capacity = Number(match?.[1]);
  const refillMs = Number(match?.[2]);
  if (match === null || capacity < 1 || refillMs < 1) {
    throw new SwitchboardError(
      'SB_CONFIG_INVALID',
      'parameters.flood must be "off" or "<burst>/<intervalMs>", e.g. "5/2000".',
      { details: { field: 'parameters.flood' } },
    );
  }
  return { capacity, refillMs };
}
