import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { b64, iq, loginAndBind, type Probe } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const HOST = 'gmail.test';

/**
 * What a token login gives a user that has no account in Prosody's store (the token table is
 * the only place that knows it): everything works while it is online (Prosody counts a user with
 * a session as existing), but offline messages to it bounce. Register the user too
 * (`hosts[].users` or `server.registerUser`) if a test needs offline delivery.
 */
describe('a token user without a Prosody account', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  const login = (user: string): Promise<Probe> =>
    loginAndBind(server, HOST, 'X-GOOGLE-TOKEN', b64(`\0${user}@${HOST}\0${user}-token`));

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: HOST, users: [{ username: 'reg', password: 'reg-pw' }] }] },
        { tokenFile: tokens.file, gtalk: { domain: HOST } },
      ),
    );
    for (const user of ['foo', 'bar']) {
      await tokens.issue({ token: `${user}-token`, user, host: HOST });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  it('when it logs in, it can bind a resource', async () => {
    const probe = await login('foo');
    probe.socket.destroy();
    expect(probe.socket.destroyed).toBe(true);
  });

  it('when it sets a roster item, the item is stored and still there in a later session', async () => {
    const first = await login('foo');
    const set = await iq(
      first,
      "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='baz@gmail.test' name='Baz'/></query></iq>",
    );
    first.socket.destroy();
    expect(set).toMatch(/type=['"]result['"]/);
    const second = await login('foo');
    const get = await iq(second, "<iq type='get' id='g1'><query xmlns='jabber:iq:roster'/></iq>");
    second.socket.destroy();
    expect(get).toMatch(/<item[^>]*jid=['"]baz@gmail\.test['"]/);
  });

  it('when it sets its vCard, the vCard is stored', async () => {
    const probe = await login('foo');
    await iq(probe, "<iq type='set' id='v1'><vCard xmlns='vcard-temp'><FN>Foo</FN></vCard></iq>");
    const get = await iq(probe, "<iq type='get' id='v2'><vCard xmlns='vcard-temp'/></iq>");
    probe.socket.destroy();
    expect(get).toContain('<FN>Foo</FN>');
  });

  it('when two token users are online, messages between them are delivered', async () => {
    const foo = await login('foo');
    const bar = await login('bar');
    foo.socket.write(
      `<message type='chat' to='bar@${HOST}/test' id='m1'><body>hi</body></message>`,
    );
    const received = await bar.read.until('</message>');
    foo.socket.destroy();
    bar.socket.destroy();
    expect(received).toContain('<body>hi</body>');
  });

  it('when a message goes to a token user who is offline, it bounces; a registered one gets it later', async () => {
    const foo = await login('foo');
    foo.socket.write(`<message type='chat' to='bar@${HOST}' id='m2'><body>one</body></message>`);
    const bounce = await foo.read.until('</message>');
    foo.socket.write(`<message type='chat' to='reg@${HOST}' id='m3'><body>two</body></message>`);
    const reg = await loginAndBind(server, HOST, 'PLAIN', b64('\0reg\0reg-pw'));
    reg.socket.write('<presence/>');
    const stored = await reg.read.until('</message>');
    foo.socket.destroy();
    reg.socket.destroy();
    expect(bounce).toMatch(/id=['"]m2['"]/);
    expect(bounce).toMatch(/type=['"]error['"]/);
    expect(bounce).toContain('service-unavailable');
    expect(stored).toContain('<body>two</body>');
  });
});
