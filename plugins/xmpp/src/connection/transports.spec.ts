import { createTransports } from './transports';

const settings = { servername: 'example.test', ca: ['-----BEGIN CERTIFICATE-----'] };

describe('createTransports', () => {
  it('when connections share TLS settings and limits, they share the transport classes', () => {
    const [plainA, tlsA] = createTransports(settings);
    const [plainB, tlsB] = createTransports({ ...settings, ca: [...settings.ca] });
    expect(plainB).toBe(plainA);
    expect(tlsB).toBe(tlsA);
  });

  it('when the TLS settings differ, only the direct TLS transport differs', () => {
    const [plainA, tlsA] = createTransports(settings);
    const [plainB, tlsB] = createTransports({ ...settings, servername: 'other.test' });
    expect(plainB).toBe(plainA);
    expect(tlsB).not.toBe(tlsA);
    expect(tlsB?.prototype.socketParameters('xmpps://127.0.0.1:5223')).toMatchObject({
      host: '127.0.0.1',
      port: 5223,
      servername: 'other.test',
      rejectUnauthorized: true,
    });
  });

  it('when custom parser limits are given, the connection gets its own classes', () => {
    const [plainA] = createTransports(settings);
    const [plainB] = createTransports(settings, { maxStanzaBytes: 1024 });
    expect(plainB).not.toBe(plainA);
  });

  it('when a service has the other scheme, a transport does not claim it', () => {
    const [plain, tls] = createTransports(settings);
    expect(plain?.prototype.socketParameters('xmpps://127.0.0.1:5223')).toBeUndefined();
    expect(tls?.prototype.socketParameters('xmpp://127.0.0.1:5222')).toBeUndefined();
    expect(plain?.prototype.socketParameters('xmpp://[::1]')).toEqual({ host: '::1', port: 5222 });
  });
});
