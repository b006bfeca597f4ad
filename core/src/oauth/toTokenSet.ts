import type { TokenSet } from './TokenSet';

const KNOWN = new Set([
  'access_token',
  'token_type',
  'expires_in',
  'refresh_token',
  'scope',
  'state',
]);

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `now + expires_in` in ms; `undefined` when the sum is not finite (e.g. `expires_in=1e306`). */
function expiryTime(expiresIn: number | undefined, now: number): number | undefined {
  const at = expiresIn === undefined ? undefined : now + Math.round(expiresIn * 1000);
  return at !== undefined && Number.isFinite(at) ? at : undefined;
}

/**
 * Builds a {@link TokenSet} from the fields of a token response or an implicit redirect.
 * `expiresAt` is `now + expires_in` seconds (absent when `expires_in` is missing, negative or so large
 * that the time is not a finite number); the token type is lowercased (`bearer` when absent);
 * other string, number and boolean fields (Live's `authentication_token`, `user_id`) go to `extra`.
 * `refreshToken` is used when the response has none (RFC 6749 §6 lets the server keep it).
 */
export function toTokenSet(
  fields: Readonly<Record<string, unknown>>,
  now: number,
  refreshToken?: string,
): TokenSet {
  // Collected as entries: assigning `extra[name]` would drop a field named `__proto__`.
  const extra: [string, string][] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (KNOWN.has(name)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      extra.push([name, String(value)]);
    }
  }
  const expiresAt = expiryTime(seconds(fields.expires_in), now);
  const refresh =
    typeof fields.refresh_token === 'string' && fields.refresh_token !== ''
      ? fields.refresh_token
      : refreshToken;
  const tokenType = typeof fields.token_type === 'string' ? fields.token_type.toLowerCase() : '';
  return {
    accessToken: String(fields.access_token),
    tokenType: tokenType === '' ? 'bearer' : tokenType,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(refresh === undefined ? {} : { refreshToken: refresh }),
    ...(typeof fields.scope === 'string' ? { scope: fields.scope } : {}),
    ...(extra.length > 0 ? { extra: Object.fromEntries(extra) } : {}),
  };
}
