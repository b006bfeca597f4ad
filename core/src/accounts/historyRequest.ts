import { SwitchboardError } from '../errors/SwitchboardError';
import type { HistoryQuery, HistoryRequest } from '../im/history';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1_000;

function invalid(field: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_CONFIG_INVALID', `history: ${message}; nothing was sent.`, {
    details: { field: `history.${field}` },
  });
}

/**
 * The session's form of a history query, checked: SB_CONFIG_INVALID for a limit outside
 * 1–1,000, an empty id, both `before` and `after`, or a `since` that is not a valid date.
 */
export function historyRequest(
  conversation: string,
  room: boolean,
  query: HistoryQuery,
): HistoryRequest {
  const { before, after, since } = query;
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalid('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (before !== undefined && after !== undefined) {
    throw invalid('before', 'give before or after, not both');
  }
  for (const [field, id] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (id !== undefined && (typeof id !== 'string' || id === '')) {
      throw invalid(field, `${field} must be a non-empty archive id`);
    }
  }
  if (since !== undefined && !(since instanceof Date && Number.isFinite(since.getTime()))) {
    throw invalid('since', 'since must be a valid Date');
  }
  return {
    conversation,
    room,
    limit,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    ...(since === undefined ? {} : { since }),
  };
}
