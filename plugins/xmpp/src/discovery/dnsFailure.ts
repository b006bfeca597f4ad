import { SwitchboardError } from '@switchboard/core';

/** DNS answered that the name, or records of that type, do not exist. */
export function isNoData(code: string | undefined): boolean {
  return code === 'ENOTFOUND' || code === 'ENODATA';
}

/** The `code` of a DNS error (Node's `dns` codes), or `'EUNKNOWN'`. */
export function dnsCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

/** Rejects with `code: 'ETIMEOUT'` (as a DNS timeout) unless `lookup` settles within `ms`. */
export async function withinMs<T>(lookup: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no DNS answer within ${ms} ms`), { code: 'ETIMEOUT' })),
      ms,
    );
  });
  try {
    return await Promise.race([lookup, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * SB_DNS_FAILED for `name`: `details.code` is the DNS code, and `details.retryable` says
 * whether asking again may help (no answer, server failure) or not (the name has no address).
 */
export function dnsFailure(name: string, code: string, cause?: unknown): SwitchboardError {
  const missing = isNoData(code);
  const message = missing
    ? `${name} has no address in DNS (${code}).`
    : `The DNS lookup of ${name} failed (${code}).`;
  return new SwitchboardError('SB_DNS_FAILED', message, {
    cause,
    details: { name, code, retryable: !missing },
  });
}
