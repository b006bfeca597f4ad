import xml from '@xmpp/xml';
import { bindElement, inlineOffer, userAgentElement } from './sasl2Extras';
import { NS_BIND2 } from './sasl2Names';

const NS_SM = 'urn:xmpp:sm:3';
const NS_CARBONS = 'urn:xmpp:carbons:2';

const inline = (...features: string[]) =>
  xml(
    'inline',
    {},
    xml(
      'bind',
      { xmlns: NS_BIND2 },
      xml('inline', {}, ...features.map((v) => xml('feature', { var: v }))),
    ),
    xml('sm', { xmlns: NS_SM }),
  );

describe(inlineOffer, () => {
  it('reads Bind2, its inline features and inline resumption', () => {
    expect(inlineOffer(inline(NS_CARBONS, NS_SM))).toEqual({
      bind: true,
      bindFeatures: [NS_CARBONS, NS_SM],
      resume: true,
    });
    expect(inlineOffer(undefined)).toEqual({ bind: false, bindFeatures: [], resume: false });
  });
});

describe(bindElement, () => {
  const enable = () => xml('enable', { xmlns: NS_SM, resume: 'true' });

  it('asks for what Bind2 offers: stream management, and carbons when wanted', () => {
    const offer = inlineOffer(inline(NS_CARBONS, NS_SM));
    expect(bindElement('phone', offer, { enable, carbons: true }).toString()).toBe(
      `<bind xmlns="${NS_BIND2}"><tag>phone</tag><enable xmlns="${NS_SM}" resume="true"/><enable xmlns="${NS_CARBONS}"/></bind>`,
    );
    expect(bindElement('phone', offer, { enable, carbons: false }).toString()).not.toContain(
      NS_CARBONS,
    );
  });

  it('asks for nothing Bind2 does not offer', () => {
    const offer = inlineOffer(inline());
    expect(bindElement('t', offer, { enable, carbons: true }).toString()).toBe(
      `<bind xmlns="${NS_BIND2}"><tag>t</tag></bind>`,
    );
  });
});

describe(userAgentElement, () => {
  it('carries the id, the software and the device when given', () => {
    expect(userAgentElement({ id: 'u-1', software: 'Switchboard', device: 'pc' }).toString()).toBe(
      '<user-agent id="u-1"><software>Switchboard</software><device>pc</device></user-agent>',
    );
    expect(userAgentElement({ id: 'u-1', software: 'Switchboard' }).toString()).not.toContain(
      'device',
    );
  });
});
