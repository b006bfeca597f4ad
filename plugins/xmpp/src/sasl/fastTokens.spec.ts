import { SaslRegistry } from '@switchboard/core';
import { standardMechanisms } from '@switchboard/sasl';
import xml from '@xmpp/xml';
import { fastOffer, issuedToken, tokenMechanism } from './fastTokens';
import { NS_FAST, NS_SASL2 } from './sasl2Names';

const ALL = ['HT-SHA-256-NONE', 'HT-SHA-256-UNIQ', 'HT-SHA-256-ENDP', 'HT-SHA-256-EXPR'];

function registry(): SaslRegistry {
  const r = new SaslRegistry();
  for (const { mechanism, priority } of standardMechanisms) r.register(mechanism, { priority });
  return r;
}

describe(tokenMechanism, () => {
  it('when tls-exporter is there, asks for HT-SHA-256-EXPR; else the next binding; else NONE', () => {
    const r = registry();
    expect(tokenMechanism(ALL, ['tls-exporter', 'tls-server-end-point'], r)).toBe(
      'HT-SHA-256-EXPR',
    );
    expect(tokenMechanism(ALL, ['tls-server-end-point', 'tls-unique'], r)).toBe('HT-SHA-256-ENDP');
    expect(tokenMechanism(ALL, ['tls-unique'], r)).toBe('HT-SHA-256-UNIQ');
    expect(tokenMechanism(ALL, [], r)).toBe('HT-SHA-256-NONE');
  });

  it('when a mechanism is not offered or disabled here, takes the next one', () => {
    const r = registry();
    expect(tokenMechanism(['HT-SHA-256-NONE'], ['tls-exporter'], r)).toBe('HT-SHA-256-NONE');
    r.disable('HT-SHA-256-EXPR');
    expect(tokenMechanism(ALL, ['tls-exporter'], r)).toBe('HT-SHA-256-NONE');
    expect(tokenMechanism([], ['tls-exporter'], r)).toBeUndefined();
  });
});

describe(fastOffer, () => {
  it('reads the HT mechanisms of <fast/> in <inline/>, undefined without', () => {
    const inline = xml(
      'inline',
      {},
      xml('fast', { xmlns: NS_FAST }, xml('mechanism', {}, 'HT-SHA-256-EXPR')),
    );
    expect(fastOffer(inline)).toEqual(['HT-SHA-256-EXPR']);
    expect(fastOffer(xml('inline', {}))).toBeUndefined();
    expect(fastOffer(undefined)).toBeUndefined();
  });
});

describe(issuedToken, () => {
  it('reads token and expiry; none when absent or empty', () => {
    const token = xml('token', {
      xmlns: NS_FAST,
      token: 'secret-token:fast-1',
      expiry: '2026-12-25T00:00:00Z',
    });
    const success = xml('success', { xmlns: NS_SASL2 }, token);
    expect(issuedToken(success, 'HT-SHA-256-EXPR')).toEqual({
      mechanism: 'HT-SHA-256-EXPR',
      token: 'secret-token:fast-1',
      expiresAt: Date.UTC(2026, 11, 25),
    });
    expect(issuedToken(xml('success', { xmlns: NS_SASL2 }), 'HT-SHA-256-EXPR')).toBeUndefined();
    const empty = xml('success', { xmlns: NS_SASL2 }, xml('token', { xmlns: NS_FAST, token: '' }));
    expect(issuedToken(empty, 'HT-SHA-256-EXPR')).toBeUndefined();
  });
});
