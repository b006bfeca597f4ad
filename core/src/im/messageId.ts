/**
 * Message ids. A receiver recognises a repeated message by its sender and id (a message resent
 * after a lost session keeps its id), so ids must not repeat across processes either: each
 * process draws a random prefix once, and counts from there.
 */

function randomPrefix(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
}

const prefix = randomPrefix();
let counter = 0;

/** A message id unique to this process and, with overwhelming probability, to any other. */
export function nextMessageId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}-${counter.toString(36)}`;
}
