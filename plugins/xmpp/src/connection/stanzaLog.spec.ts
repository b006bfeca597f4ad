import xml from '@xmpp/xml';
import { NS_SASL } from '../sasl/exchange';
import { NS_BIND2, NS_FAST, NS_SASL2 } from '../sasl/sasl2Names';
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

  it('when SASL2 carries a payload, redacts it and keeps what rides along', () => {
    const authenticate = xml(
      'authenticate',
      { xmlns: NS_SASL2, mechanism: 'HT-SHA-256-EXPR' },
      xml('initial-response', {}, 'YWxpY2UAc2VjcmV0aG1hYw=='),
      xml('user-agent', { id: 'ua-1' }, xml('software', {}, 'Switchboard')),
      xml('bind', { xmlns: NS_BIND2 }, xml('tag', {}, 'phone')),
      xml('fast', { xmlns: NS_FAST }),
    );
    const text = redactedText(authenticate, true);
    expect(text).not.toContain('YWxpY2UAc2VjcmV0aG1hYw==');
    expect(text).toContain('<initial-response>[redacted]</initial-response>');
    expect(text).toContain('<software>Switchboard</software>');
    expect(text).toContain('<tag>phone</tag>');
    expect(redactedText(xml('challenge', { xmlns: NS_SASL2 }, 'cj1meWtv'), true)).toBe(
      `<challenge xmlns="${NS_SASL2}">[redacted]</challenge>`,
    );
    expect(redactedText(xml('response', { xmlns: NS_SASL2 }, 'Yz1iaXdz'), true)).toBe(
      `<response xmlns="${NS_SASL2}">[redacted]</response>`,
    );
  });

  it('when a SASL2 success carries a FAST token, redacts the token even without a secret payload', () => {
    const success = xml(
      'success',
      { xmlns: NS_SASL2 },
      xml('additional-data', {}, 'dj1zZXJ2ZXJzaWc='),
      xml('token', {
        xmlns: NS_FAST,
        token: 'secret-token:fast-abc',
        expiry: '2027-01-01T00:00:00Z',
      }),
      xml('authorization-identifier', {}, 'alice@example.test/phone~x'),
    );
    const secret = redactedText(success, true);
    expect(secret).not.toContain('secret-token:fast-abc');
    expect(secret).not.toContain('dj1zZXJ2ZXJzaWc=');
    expect(secret).toContain('token="[redacted]"');
    expect(secret).toContain('expiry="2027-01-01T00:00:00Z"');
    expect(secret).toContain('alice@example.test/phone~x');
    const open = redactedText(success, false);
    expect(open).toContain('dj1zZXJ2ZXJzaWc=');
    expect(open).not.toContain('secret-token:fast-abc');
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
