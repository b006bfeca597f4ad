// Any PEM-shaped text is not enough for createSecureContext; use real certificates from Node's
// bundled roots so the contexts are genuine.
import { rootCertificates } from 'node:tls';
import { secureContextFor } from './secureContexts';

const [first, second, ...others] = rootCertificates;

describe('secureContextFor', () => {
  it('when two connections trust the same CA, they share one context', () => {
    const a = secureContextFor([first as string]);
    const b = secureContextFor([`${first}`]);
    expect(b).toBe(a);
  });

  it('when the CAs differ, so do the contexts', () => {
    expect(secureContextFor([first as string])).not.toBe(secureContextFor([second as string]));
    expect(secureContextFor([first as string, second as string])).not.toBe(
      secureContextFor([first as string]),
    );
  });

  it('when no CA is given, the default-roots context is shared too', () => {
    expect(secureContextFor(undefined)).toBe(secureContextFor(undefined));
    expect(secureContextFor(undefined)).not.toBe(secureContextFor([first as string]));
  });

  it('when more than 16 settings are used, the least recently used one is rebuilt', () => {
    const kept = secureContextFor([first as string]);
    const evicted = secureContextFor([second as string]);
    for (const pem of others.slice(0, 15)) {
      secureContextFor([pem]);
      secureContextFor([first as string]); // keeps `first` recently used
    }
    expect(secureContextFor([first as string])).toBe(kept);
    expect(secureContextFor([second as string])).not.toBe(evicted);
  });
});
