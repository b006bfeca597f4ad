// Cold start of raw @xmpp/client: import it and create a client (no connection).
// Prints {"ms": …} (from before the import).
const start = performance.now();
const { client } = await import('@xmpp/client');
const xmpp = client({ service: 'xmpp://127.0.0.1:5222', domain: 'example.test' });
if (typeof xmpp.start !== 'function') throw new Error('no client');
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
