/**
 * Checks an account configuration before anything uses it. Unknown fields are refused (a typo
 * would otherwise be ignored silently); errors name the field and what was expected, never the
 * value (it may be a secret).
 */
import * as v from 'valibot';
import { SwitchboardError } from '../errors/SwitchboardError';
import type { AccountConfig } from './AccountConfig';

const text = v.pipe(v.string(), v.nonEmpty());
const ms = v.pipe(v.number(), v.finite(), v.minValue(0));
const port = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535));

/** A password, or a function that gives one at each login: exactly one of the two. */
const passwordCredential = v.pipe(
  v.strictObject({
    kind: v.literal('password'),
    password: v.optional(text),
    provide: v.optional(v.function()),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const given = ['password', 'provide'].filter((field) => field in dataset.value);
    if (given.length === 1) return;
    const missing = given.length === 0;
    addIssue({
      message: missing ? 'is required' : 'cannot be given with password',
      ...(missing ? { input: undefined } : {}),
      path: [
        {
          type: 'object',
          origin: 'value',
          input: dataset.value,
          key: given.length === 0 ? 'password' : 'provide',
          value: undefined,
        },
      ],
    });
  }),
);

const credential = v.variant('kind', [
  passwordCredential,
  v.strictObject({
    kind: v.literal('oauth2'),
    accessToken: text,
    refreshToken: v.optional(text),
    expiresAt: v.optional(ms),
  }),
  v.strictObject({ kind: v.literal('token'), token: text }),
  v.strictObject({ kind: v.literal('certificate'), cert: text, key: text }),
  v.strictObject({ kind: v.literal('ecdsa-p256'), key: text }),
]);

const presence = v.strictObject({
  to: v.optional(text),
  availability: v.optional(v.picklist(['available', 'away', 'chat', 'dnd', 'xa'])),
  status: v.optional(v.string()),
  priority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-128), v.maxValue(127))),
});

const schema = v.strictObject({
  id: v.optional(text),
  profile: text,
  address: text,
  credential,
  server: v.optional(
    v.strictObject({
      host: v.optional(text),
      port: v.optional(port),
      tls: v.optional(v.picklist(['starttls', 'direct'])),
    }),
  ),
  tls: v.optional(
    v.strictObject({
      ca: v.optional(v.union([v.string(), v.array(v.string())])),
      servername: v.optional(text),
    }),
  ),
  mechanisms: v.optional(v.array(text)),
  allowInsecureLoopback: v.optional(v.boolean()),
  parameters: v.optional(v.record(v.string(), v.string())),
  initialPresence: v.optional(v.union([v.literal(false), presence])),
  resource: v.optional(text),
  enforceCapabilities: v.optional(v.boolean()),
  timeoutMs: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1))),
  // Field-level rules of these two live with their defaults (resolveReconnect, resolveLiveness).
  reconnect: v.optional(v.union([v.literal(false), v.record(v.string(), v.number())])),
  liveness: v.optional(
    v.union([v.literal(false), v.record(v.string(), v.union([v.number(), v.string()]))]),
  ),
  offlineQueueLimit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  maxMessageBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  // Each address is checked by the protocol plugin when the account is made (Account).
  watch: v.optional(v.array(text)),
  answerReceipts: v.optional(v.boolean()),
});

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.') || '(config)';
}

/** The problem of one issue, without the value that caused it. */
function problemOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'raw_check') return issue.message;
  if (issue.input === undefined) return 'is required';
  if (issue.type === 'strict_object') return 'is not a known field';
  if (issue.expected !== null) return `expected ${issue.expected}`;
  return `is invalid (${issue.type})`;
}

/**
 * Returns `config` typed when it is a valid {@link AccountConfig}; throws SB_CONFIG_INVALID with
 * `details.issues` (`{ field, problem }[]`) otherwise.
 */
export function validateAccountConfig(config: unknown): AccountConfig {
  const result = v.safeParse(schema, config);
  if (result.success) return config as AccountConfig;
  const issues = result.issues.map((issue) => ({
    field: pathOf(issue),
    problem: problemOf(issue),
  }));
  const [first] = issues;
  throw new SwitchboardError(
    'SB_CONFIG_INVALID',
    `Invalid account config: ${first?.field} ${first?.problem}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}.`,
    { details: { field: first?.field, issues } },
  );
}
