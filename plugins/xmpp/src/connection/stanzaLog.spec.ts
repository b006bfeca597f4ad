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

  it('redacts room passwords: in a join, in invitations and in a room configuration', () => {
    const join = xml(
      'presence',
      { to: 'r@muc.test/al' },
      xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('password', {}, 's3cret')),
    );
    expect(redactedText(join, true)).toBe(
      '<presence to="r@muc.test/al"><x xmlns="http://jabber.org/protocol/muc"><password>[redacted]</password></x></presence>',
    );
    const mediated = xml(
      'message',
      { from: 'r@muc.test' },
      xml(
        'x',
        { xmlns: 'http://jabber.org/protocol/muc#user' },
        xml('invite', { from: 'b@test' }),
        xml('password', {}, 's3cret'),
      ),
    );
    const direct = xml(
      'message',
      {},
      xml('x', { xmlns: 'jabber:x:conference', jid: 'r@muc.test', password: 's3cret' }),
    );
    const config = xml(
      'iq',
      { type: 'set' },
      xml(
        'query',
        { xmlns: 'http://jabber.org/protocol/muc#owner' },
        xml(
          'x',
          { xmlns: 'jabber:x:data', type: 'submit' },
          xml('field', { var: 'muc#roomconfig_roomsecret' }, xml('value', {}, 's3cret')),
          xml('field', { var: 'muc#roomconfig_roomname' }, xml('value', {}, 'Lounge')),
        ),
      ),
    );
    for (const stanza of [mediated, direct, config]) {
      const text = redactedText(stanza, true);
      expect(text).not.toContain('s3cret');
      expect(text).toContain('[redacted]');
    }
    expect(redactedText(config, true)).toContain('<value>Lounge</value>');
  });
});
