/**
 * The Prosody 13 options of the kit on the wire: SASL2 (XEP-0388) with Bind2 (XEP-0386), inline
 * stream management and FAST (XEP-0484), channel binding announced per XEP-0440, and SSDP
 * (XEP-0474) in the SCRAM server-first message.
 */
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { ProsodyServer } from './ProsodyServer';
import { startProsody } from './startProsody';
import {
  channelBindings,
  mechanisms,
  openStream,
  type Probe,
  sasl2Mechanisms,
  scramServerFirst,
  startTls,
} from './xmppProbe.testkit';

const DOMAIN = 'fast.test';
const USER = { username: 'sam', password: 'sam-pw' };
const ALL_SCRAM = [
  'PLAIN',
  'SCRAM-SHA-1',
  'SCRAM-SHA-1-PLUS',
  'SCRAM-SHA-256',
  'SCRAM-SHA-256-PLUS',
];

const probes: Probe[] = [];
afterEach(() => {
  for (const p of probes.splice(0)) p.socket.destroy();
});

describe(startProsody, () => {
  describe('with sasl2, ssdp and tlsServerEndPoint', () => {
    let server: ProsodyServer;
    beforeAll(async () => {
      server = await startProsody({
        hosts: [{ domain: DOMAIN, users: [USER] }],
        sasl2: true,
        ssdp: true,
        tlsServerEndPoint: true,
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    /** STARTTLS on a stream that names its user (FAST is only offered to a known user). */
    async function secureStream(from?: string): Promise<Probe> {
      const plain = await openStream(server.host, server.port, DOMAIN, from);
      probes.push(plain);
      const secure = await startTls(plain, DOMAIN, server.ca, from);
      probes.push(secure);
      return secure;
    }

    it('when started, runs Prosody 13 or newer and says which', () => {
      expect(server.version).toMatch(/^\d+\.\d+/);
      expect(Number(server.version?.split('.')[0])).toBeGreaterThanOrEqual(13);
    });

    it('when a client does STARTTLS, SASL2 offers SCRAM-SHA-256-PLUS and inline bind, sm and FAST', async () => {
      const probe = await secureStream(`${USER.username}@${DOMAIN}`);
      expect((probe.socket as TLSSocket).getProtocol()).toBe('TLSv1.3');
      expect(probe.features).toContain("<authentication xmlns='urn:xmpp:sasl:2'>");
      expect(sasl2Mechanisms(probe.features).sort()).toEqual(ALL_SCRAM);
      const inline = /<inline>(.*)<\/inline><\/authentication>/s.exec(probe.features)?.[1] ?? '';
      expect(inline).toContain("<bind xmlns='urn:xmpp:bind:0'>");
      expect(inline).toContain("<feature var='urn:xmpp:sm:3'/>");
      expect(inline).toContain("<sm xmlns='urn:xmpp:sm:3'/>");
      const fast = /<fast xmlns='urn:xmpp:fast:0'>(.*?)<\/fast>/s.exec(inline)?.[1] ?? '';
      expect(fast).toContain('<mechanism>HT-SHA-256-NONE</mechanism>');
      // Classic SASL stays offered beside SASL2, with the same mechanisms.
      expect(mechanisms(probe.features).sort()).toEqual(ALL_SCRAM);
      expect(channelBindings(probe.features).sort()).toEqual([
        'tls-exporter',
        'tls-server-end-point',
      ]);
    });

    it('when the stream does not name its user, FAST is not offered, SASL2 still is', async () => {
      const probe = await secureStream();
      // Not the first connection: the kit names the certificate hash, so end-point stays offered.
      expect(channelBindings(probe.features)).toContain('tls-server-end-point');
      expect(sasl2Mechanisms(probe.features).sort()).toEqual(ALL_SCRAM);
      expect(probe.features).not.toContain('urn:xmpp:fast:0');
    });

    it('when a SCRAM login starts, the server-first message carries the SSDP hash of what was offered', async () => {
      const probe = await secureStream(`${USER.username}@${DOMAIN}`);
      const offered = mechanisms(probe.features).sort().join('\x1e');
      const bindings = channelBindings(probe.features).sort().join('\x1e');
      const expected = createHash('sha256').update(`${offered}\x1f${bindings}`).digest('base64');
      const first = await scramServerFirst(probe, 'SCRAM-SHA-256', USER.username);
      expect(first).toMatch(/^r=abcdefghijklmnop[^,]+,s=[^,]+,i=\d+,h=[^,]+$/);
      expect(first.slice(first.indexOf(',h=') + 3)).toBe(expected);
    });

    it('when a user authenticates with SASL2 and Bind2, the success names the bound resource', async () => {
      const probe = await secureStream(`${USER.username}@${DOMAIN}`);
      const response = Buffer.from(`\0${USER.username}\0${USER.password}`).toString('base64');
      probe.socket.write(
        `<authenticate xmlns='urn:xmpp:sasl:2' mechanism='PLAIN'><initial-response>${response}</initial-response><user-agent id='d4565fa7-4d72-4749-b3d3-740edbf87770'><software>probe</software></user-agent><bind xmlns='urn:xmpp:bind:0'><tag>probe</tag></bind></authenticate>`,
      );
      const success = await probe.read.until('</success>');
      expect(success).toContain("<success xmlns='urn:xmpp:sasl:2'>");
      expect(success).toMatch(
        new RegExp(
          `<authorization-identifier>${USER.username}@${DOMAIN}/probe[^<]*</authorization-identifier>`,
        ),
      );
      expect(success).toContain("<bound xmlns='urn:xmpp:bind:0'");
    });
  });
});
