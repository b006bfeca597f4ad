import { SwitchboardError } from '@switchboard/core';
import * as xmppXml from '@xmpp/xml';
import { toSwitchboardError } from './toSwitchboardError';

const where = { host: '127.0.0.1', port: 5222 };

describe(toSwitchboardError, () => {
  it("when xmpp.js's parser fails, gives SB_XML_MALFORMED without the server's text", () => {
    // xmpp.js's own class (not in our typings): `<foo></bar>` makes its parser emit one.
    const { XMLError } = xmppXml as unknown as { XMLError: new (message: string) => Error };
    const cause = new XMLError('evil must be closed.');
    const error = toSwitchboardError(cause, where);
    expect(error).toMatchObject({ code: 'SB_XML_MALFORMED', cause });
    expect(error.message).not.toContain('evil');
  });

  it('when given a SwitchboardError (e.g. from LimitedParser), passes it through', () => {
    const tooLarge = new SwitchboardError('SB_STANZA_TOO_LARGE');
    expect(toSwitchboardError(tooLarge, where)).toBe(tooLarge);
  });
});
