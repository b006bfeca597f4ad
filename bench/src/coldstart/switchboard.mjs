// Cold start of Switchboard: import core, the XMPP plugin and the four profiles, build the
// container, and resolve the profiles. Prints {"ms": …} (from before the first import).
const start = performance.now();
const [core, xmpp, jabber, messenger, facebook, gtalk] = await Promise.all([
  import('@switchboard/core'),
  import('@switchboard/xmpp'),
  import('@switchboard/profile-jabber'),
  import('@switchboard/profile-messenger'),
  import('@switchboard/profile-facebook'),
  import('@switchboard/profile-gtalk'),
]);
const switchboard = core.Switchboard.create({
  modules: [
    xmpp.xmppModule,
    jabber.jabberModule,
    messenger.messengerModule,
    facebook.facebookModule,
    gtalk.gtalkModule,
  ],
});
if (switchboard.profiles().length !== 4) throw new Error('expected four profiles');
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
