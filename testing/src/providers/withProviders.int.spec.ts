import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { connectTls, mechanisms } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

describe(withProviders, () => {
  let tokens: TokenTable;
  let server: ProsodyServer;

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        { hosts: [{ domain: 'plain.test' }] },
        {
          tokenFile: tokens.file,
          messenger: { domain: 'messenger.test' },
          facebook: { domain: 'facebook.test', apiKey: 'APIKEY' },
          gtalk: { domain: 'gmail.test' },
          oauthbearer: { domain: 'oauth.test' },
        },
      ),
    );
  });
  afterAll(async () => {
    await server?.stop();
    await tokens?.remove();
  });

  it('when all four providers share one server, each host offers exactly its own mechanisms', async () => {
    const offered: Record<string, string[]> = {};
    for (const domain of server.domains) {
      const probe = await connectTls(server, domain);
      offered[domain] = mechanisms(probe.features).sort();
      probe.socket.destroy();
    }
    expect(offered).toEqual({
      'plain.test': [
        'PLAIN',
        'SCRAM-SHA-1',
        'SCRAM-SHA-1-PLUS',
        'SCRAM-SHA-256',
        'SCRAM-SHA-256-PLUS',
      ],
      'messenger.test': ['X-MESSENGER-OAUTH2'],
      'facebook.test': ['X-FACEBOOK-PLATFORM'],
      'gmail.test': ['PLAIN', 'X-GOOGLE-TOKEN', 'X-OAUTH2'],
      'oauth.test': ['OAUTHBEARER'],
    });
  });

  it('when a provider mechanism is tried on a host that does not offer it, it is invalid', async () => {
    const probe = await connectTls(server, 'plain.test');
    probe.socket.write(
      "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-MESSENGER-OAUTH2'>dG9r</auth>",
    );
    const answer = await probe.read.until('</failure>');
    probe.socket.destroy();
    expect(answer).toContain('<invalid-mechanism');
  });
});
