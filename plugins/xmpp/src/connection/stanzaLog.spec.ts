import xml from '@xmpp/xml';
import { NS_SASL } from '../sasl/exchange';
import { redactedText } from './stanzaLog';

describe(redactedText, () => {
  it('when a SASL payload may hold a secret, replaces its text and keeps the element', () => {
    const auth = xml('auth', { xmlns: NS_SASL, mechanism: 'PLAIN' }, 'AGphY2sAcHc=');
    expect(redactedText(auth, true)).toBe(
      `<auth xmlns="${NS_SASL}" mechanism="PLAIN">[redacted]</auth>`,
    );
    expect(redactedText(xml('response', { xmlns: NS_SASL }, 'Yz1iaXdz'), true)).toContain(
      '[redacted]',
    );
  });

  it('when the mechanism carries no secret (redaction none), shows the payload', () => {
    const auth = xml('auth', { xmlns: NS_SASL, mechanism: 'ANONYMOUS' }, 'Z3Vlc3Q=');
    expect(redactedText(auth, false)).toContain('Z3Vlc3Q=');
  });

  it('leaves empty SASL elements and ordinary stanzas as they are', () => {
    expect(redactedText(xml('success', { xmlns: NS_SASL }), true)).toBe(
      `<success xmlns="${NS_SASL}"/>`,
    );
    const message = xml('message', { to: 'a@b' }, xml('body', {}, 'hi'));
    expect(redactedText(message, true)).toBe('<message to="a@b"><body>hi</body></message>');
  });
});
