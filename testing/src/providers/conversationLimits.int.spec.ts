/**
 * What the retired providers refused, on the real Prosody with rooms, archive and carbons all on:
 * the Messenger, Facebook and Google Talk hosts announce and answer neither Message Carbons
 * (XEP-0280) nor MAM (XEP-0313), and refuse their users' multi-user chat (XEP-0045); the generic
 * host of the same server allows all three. Raw stanzas, answers as they came over the wire.
 */
import type { ProsodyServer } from '../prosody/ProsodyServer';
import { startProsody } from '../prosody/startProsody';
import { b64, iq, loginAndBind, type Probe } from './saslWire.testkit';
import { TokenTable } from './TokenTable';
import { withProviders } from './withProviders';

const GENERIC = 'example.test';
const PROVIDERS = [
  ['messenger', 'messenger.test'],
  ['facebook', 'facebook.test'],
  ['gtalk', 'gmail.test'],
] as const;
const USERS = [{ username: 'alice', password: 'secret' }];
const DISCO_INFO = 'http://jabber.org/protocol/disco#info';
const UNAVAILABLE = /<error type=['"]cancel['"]>\s*<service-unavailable/;

/** The `<feature var=…>` values of a disco#info answer. */
function features(answer: string): string[] {
  return [...answer.matchAll(/<feature var=['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

/** Sends a presence or message to `to` and returns the first stanza of that kind from it. */
async function exchange(probe: Probe, xml: string, name: string, from: string): Promise<string> {
  probe.socket.write(xml);
  const escaped = from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const stanza = new RegExp(`<${name}[^>]*from=['"]${escaped}['"][^>]*?(/>|>[\\s\\S]*?</${name}>)`);
  const text = await probe.read.until(stanza);
  return text.slice(text.search(stanza));
}

describe('provider hosts: no carbons, no archive, no rooms', () => {
  let tokens: TokenTable;
  let server: ProsodyServer;
  let rooms: string;
  const probes = new Map<string, Probe>();

  beforeAll(async () => {
    tokens = await TokenTable.create();
    server = await startProsody(
      withProviders(
        {
          hosts: [GENERIC, ...PROVIDERS.map(([, domain]) => domain)].map((domain) => ({
            domain,
            users: USERS,
          })),
          rooms: true,
          archive: true,
          carbons: true,
        },
        {
          tokenFile: tokens.file,
          // PLAIN on every host, so that one raw login serves them all.
          standardMechanisms: true,
          messenger: { domain: 'messenger.test' },
          facebook: { domain: 'facebook.test', apiKey: 'APIKEY' },
          gtalk: { domain: 'gmail.test' },
        },
      ),
    );
    rooms = server.roomsDomain ?? '';
    for (const domain of [GENERIC, ...PROVIDERS.map(([, d]) => d)]) {
      probes.set(domain, await loginAndBind(server, domain, 'PLAIN', b64('\0alice\0secret')));
    }
  });
  afterAll(async () => {
    for (const probe of probes.values()) probe.socket.destroy();
    await server?.stop();
    await tokens?.remove();
  });

  const probe = (domain: string): Probe => {
    const found = probes.get(domain);
    if (found === undefined) throw new Error(`not logged in to ${domain}`);
    return found;
  };

  it('when the server runs rooms on the first host, the service is at conference.example.test', () => {
    expect(rooms).toBe(`conference.${GENERIC}`);
  });

  describe.each(PROVIDERS)('%s (%s)', (_, domain) => {
    it('when asked for disco#info, neither the host nor the account announces carbons or MAM', async () => {
      const host = await iq(
        probe(domain),
        `<iq type='get' id='dh' to='${domain}'><query xmlns='${DISCO_INFO}'/></iq>`,
      );
      const account = await iq(
        probe(domain),
        `<iq type='get' id='da' to='alice@${domain}'><query xmlns='${DISCO_INFO}'/></iq>`,
      );
      expect(host).toContain("type='result'");
      expect(account).toContain("type='result'");
      expect(
        [...features(host), ...features(account)].filter((f) => /carbons|mam/.test(f)),
      ).toEqual([]);
    });

    it('when the client enables carbons, the server answers service-unavailable', async () => {
      const answer = await iq(
        probe(domain),
        "<iq type='set' id='ce'><enable xmlns='urn:xmpp:carbons:2'/></iq>",
      );
      expect(answer).toContain("type='error'");
      expect(answer).toMatch(UNAVAILABLE);
    });

    it('when the client queries the archive, the server answers service-unavailable', async () => {
      const answer = await iq(
        probe(domain),
        "<iq type='set' id='mq'><query xmlns='urn:xmpp:mam:2' queryid='q1'/></iq>",
      );
      expect(answer).toContain("type='error'");
      expect(answer).toMatch(UNAVAILABLE);
    });

    it('when the user joins a room, the join is refused with service-unavailable', async () => {
      const occupant = `lobby@${rooms}/alice-${domain}`;
      const answer = await exchange(
        probe(domain),
        `<presence to='${occupant}'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
        'presence',
        occupant,
      );
      expect(answer).toContain("type='error'");
      expect(answer).toMatch(UNAVAILABLE);
      expect(answer).not.toContain('muc#user');
    });

    it('when the user sends to a room or asks the rooms service, both are refused', async () => {
      const message = await exchange(
        probe(domain),
        `<message type='groupchat' to='lobby@${rooms}' id='g1'><body>hi</body></message>`,
        'message',
        `lobby@${rooms}`,
      );
      const disco = await iq(
        probe(domain),
        `<iq type='get' id='dr' to='${rooms}'><query xmlns='${DISCO_INFO}'/></iq>`,
      );
      expect(message).toContain("type='error'");
      expect(message).toMatch(UNAVAILABLE);
      expect(disco).toContain("type='error'");
      expect(disco).toMatch(UNAVAILABLE);
    });
  });

  describe(`the generic host (${GENERIC})`, () => {
    it('when asked for disco#info, the host announces carbons and the account MAM', async () => {
      const host = await iq(
        probe(GENERIC),
        `<iq type='get' id='dh' to='${GENERIC}'><query xmlns='${DISCO_INFO}'/></iq>`,
      );
      const account = await iq(
        probe(GENERIC),
        `<iq type='get' id='da' to='alice@${GENERIC}'><query xmlns='${DISCO_INFO}'/></iq>`,
      );
      expect(features(host)).toContain('urn:xmpp:carbons:2');
      expect(features(account)).toContain('urn:xmpp:mam:2');
    });

    it('when the client enables carbons and queries the archive, both succeed', async () => {
      const carbons = await iq(
        probe(GENERIC),
        "<iq type='set' id='ce'><enable xmlns='urn:xmpp:carbons:2'/></iq>",
      );
      const archive = await iq(
        probe(GENERIC),
        "<iq type='set' id='mq'><query xmlns='urn:xmpp:mam:2' queryid='q1'/></iq>",
      );
      expect(carbons).toContain("type='result'");
      expect(archive).toContain("type='result'");
      expect(archive).toMatch(/<fin [^>]*xmlns='urn:xmpp:mam:2'/);
    });

    it('when the user joins a room and speaks, the room takes them in and reflects the message', async () => {
      const occupant = `lobby@${rooms}/alice`;
      const self = await exchange(
        probe(GENERIC),
        `<presence to='${occupant}'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
        'presence',
        occupant,
      );
      expect(self).not.toContain("type='error'");
      expect(self).toMatch(/<status code=['"]110['"]/);
      // Prosody locks a new room until its owner configures it: accept the default (instant room).
      const config = await iq(
        probe(GENERIC),
        `<iq type='set' id='rc' to='lobby@${rooms}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
      );
      expect(config).toContain("type='result'");
      const reflected = await exchange(
        probe(GENERIC),
        `<message type='groupchat' to='lobby@${rooms}' id='g1'><body>hello room</body></message>`,
        'message',
        occupant,
      );
      expect(reflected).toContain('<body>hello room</body>');
      expect(reflected).not.toContain("type='error'");
    });
  });
});
