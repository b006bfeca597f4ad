// Cold start of StanzaJS: import it and create a client (no connection).
// Prints {"ms": …} (from before the import).
const start = performance.now();
const { createClient } = await import('stanza');
const client = createClient({
  jid: 'bench@example.test',
  transports: { websocket: 'wss://127.0.0.1/xmpp-websocket' },
});
if (typeof client.connect !== 'function') throw new Error('no client');
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
