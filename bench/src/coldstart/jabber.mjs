// Cold start of Switchboard with one profile: core, the XMPP plugin and Jabber.
// Prints {"ms": …} (from before the first import).
const start = performance.now();
const [core, xmpp, jabber] = await Promise.all([
  import('@switchboard/core'),
  import('@switchboard/xmpp'),
  import('@switchboard/profile-jabber'),
]);
const switchboard = core.Switchboard.create({ modules: [xmpp.xmppModule, jabber.jabberModule] });
if (switchboard.profiles().length !== 1) throw new Error('expected one profile');
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
