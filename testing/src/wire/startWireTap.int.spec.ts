import { startProsody } from '../prosody/startProsody';
import { authPlain, openStream, startTls, streamHeader } from '../prosody/xmppProbe.testkit';
import { startWireTap } from './startWireTap';

describe(startWireTap, () => {
  it('when a client talks in the clear, records both directions byte for byte', async () => {
    const server = await startProsody({ tls: 'none' });
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const probe = await openStream('127.0.0.1', tap.port, 'example.test');
      const answer = await authPlain(probe, 'nobody', 'secret');
      probe.socket.destroy();

      const auth = Buffer.from('\0nobody\0secret').toString('base64');
      expect(answer).toContain('<not-authorized/>');
      expect(tap.clientToServer()).toBe(
        `${streamHeader('example.test')}<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${auth}</auth>`,
      );
      expect(tap.serverToClient()).toContain('</stream:features>');
      expect(tap.serverToClient()).toContain('<not-authorized/>');
      const chunks = tap.chunks();
      expect(chunks[0]?.direction).toBe('up');
      expect(chunks.some((c) => c.direction === 'down')).toBe(true);
    } finally {
      await tap.close();
      await server.stop();
    }
  });

  it('when the client does STARTTLS, what follows crosses the wire as ciphertext', async () => {
    const server = await startProsody({
      hosts: [{ domain: 'tap.test', users: [{ username: 'dee', password: 'dee-pw' }] }],
    });
    const tap = await startWireTap({ targetHost: server.host, targetPort: server.port });
    try {
      const plain = await openStream('127.0.0.1', tap.port, 'tap.test');
      const secure = await startTls(plain, 'tap.test', server.ca);
      expect(await authPlain(secure, 'dee', 'dee-pw')).toMatch(/^<success/);
      secure.socket.destroy();

      expect(tap.clientToServer()).toContain('<starttls');
      expect(tap.clientToServer()).not.toContain('<auth');
      expect(tap.clientToServer()).not.toContain(Buffer.from('\0dee\0dee-pw').toString('base64'));
      expect(tap.serverToClient()).toContain('<proceed');
      expect(tap.serverToClient()).not.toContain('<success');
    } finally {
      await tap.close();
      await server.stop();
    }
  });

  it('when closed, refuses new connections', async () => {
    const tap = await startWireTap({ targetHost: '127.0.0.1', targetPort: 9 });
    await tap.close();
    await expect(openStream('127.0.0.1', tap.port, 'x.test')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
