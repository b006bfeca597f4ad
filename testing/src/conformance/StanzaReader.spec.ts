import { child, StanzaReader, unescapeXml } from './StanzaReader';

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='a.test' version='1.0'>";

describe(StanzaReader, () => {
  describe('.feed', () => {
    it('when a stanza arrives in pieces, hands it back once complete, with children and text', () => {
      const reader = new StanzaReader();
      expect(reader.feed(HEADER)).toEqual([]);
      expect(reader.feed('<message from=\'b@a.test/r\' type="chat"><bo')).toEqual([]);
      const [message] = reader.feed('dy>1 &lt; 2 &amp;&#x263A;&#65;</body><x/></message>');
      expect(message).toEqual({
        name: 'message',
        attrs: { from: 'b@a.test/r', type: 'chat' },
        text: '',
        children: [
          { name: 'body', attrs: {}, text: '1 < 2 &☺A', children: [] },
          { name: 'x', attrs: {}, text: '', children: [] },
        ],
      });
      expect(message && child(message, 'body')?.text).toBe('1 < 2 &☺A');
    });

    it('when several stanzas arrive in one chunk, hands back each, self-closing ones too', () => {
      const reader = new StanzaReader();
      const names = reader
        .feed(
          `${HEADER}<presence from='x&apos;y'/><iq type='result' id='1'/><r xmlns='urn:xmpp:sm:3'/>`,
        )
        .map((e) => `${e.name} ${JSON.stringify(e.attrs)}`);
      expect(names).toEqual([
        `presence {"from":"x'y"}`,
        'iq {"type":"result","id":"1"}',
        'r {"xmlns":"urn:xmpp:sm:3"}',
      ]);
    });

    it('when the stream closes, says so', () => {
      const reader = new StanzaReader();
      reader.feed(`${HEADER}<presence/>`);
      expect(reader.ended).toBe(false);
      reader.feed('</stream:stream>');
      expect(reader.ended).toBe(true);
    });
  });

  describe('.reset', () => {
    it('when a new stream starts, forgets the half-read one', () => {
      const reader = new StanzaReader();
      reader.feed(`${HEADER}<message><bo`);
      reader.reset();
      expect(reader.feed(`${HEADER}<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>`)).toEqual([
        {
          name: 'success',
          attrs: { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' },
          text: '',
          children: [],
        },
      ]);
    });
  });
});

describe(unescapeXml, () => {
  it('when given an unknown entity, leaves it alone', () => {
    expect(unescapeXml('&nbsp; &quot;')).toBe('&nbsp; "');
  });
});
