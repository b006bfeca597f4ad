import { SwitchboardError } from '@switchboard/core';

/**
 * SB_STREAM_ERROR for a stream error the server sent (RFC 6120 §4.9): its defined condition
 * and text in `details` (`text` only when the server sent one). The text comes from the
 * server: it is kept in `details`, never put into the message.
 */
export function streamError(
  condition: string | undefined,
  text: string | undefined,
  cause?: unknown,
): SwitchboardError {
  return new SwitchboardError(
    'SB_STREAM_ERROR',
    `The server closed the stream: ${condition ?? 'unknown'}.`,
    {
      ...(cause === undefined ? {} : { cause }),
      details: { condition, ...(text === undefined ? {} : { text }) },
    },
  );
}
