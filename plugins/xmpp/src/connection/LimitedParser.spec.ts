import { SwitchboardError } from '@switchboard/core';
import type { Element } from '@xmpp/xml';
import { LimitedParser, limitedParserClass, MAX_STANZA_BYTES } from './LimitedParser';

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
const PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

function watch(parser: LimitedParser) {
  const seen = { elements: [] as Element[], errors: [] as unknown[], ends: 0 };
  const events = parser as unknown as NodeJS.EventEmitter;
  events.on('element', (element: Element) => seen.elements.push(element));
  events.on('error', (error: unknown) => seen.errors.push(error));
  events.on('end', () => {
    seen.ends += 1;
  });
  return seen;
}

/**
 * The ways `text` can arrive: in one chunk, one character a chunk, and in two chunks split at
 * every index (never inside a surrogate pair: the socket's UTF-8 decoding cannot do that).
 */
function arrivals(text: string): Array<[string, string[]]> {
  const ways: Array<[string, string[]]> = [
    ['in one chunk', [text]],
    ['one character a chunk', [...text]],
  ];
  for (let i = 1; i < text.length; i++) {
    if (/[\uDC00-\uDFFF]/.test(text.charAt(i))) continue;
    ways.push([`split at ${i}`, [text.slice(0, i), text.slice(i)]]);
  }
  return ways;
}

/** What a fresh parser emits for `chunks`: elements as XML, errors as their problem or code. */
function outcome(chunks: readonly string[]): { elements: string[]; errors: unknown[] } {
  const parser = new LimitedParser();
  const seen = watch(parser);
  for (const chunk of chunks) parser.write(chunk);
  return {
    elements: seen.elements.map((e) => e.toString()),
    errors: seen.errors.map((e) =>
      SwitchboardError.is(e) ? (e.details.problem ?? e.code) : String(e),
    ),
  };
}

/** Asserts that `text` gives the same elements and errors however it arrives. */
function expectEveryArrival(text: string, expected: { elements: string[]; errors: unknown[] }) {
  for (const [how, chunks] of arrivals(text)) {
    expect({ how, ...outcome(chunks) }).toEqual({ how, ...expected });
  }
}

/** A `<message/>` of exactly `bytes` bytes. */
function message(bytes: number): string {
  const open = '<message><body>';
  const close = '</body></message>';
  return open + 'x'.repeat(bytes - open.length - close.length) + close;
}

describe(LimitedParser, () => {
  describe('.write', () => {
    it.each([1, 2, 3, 5, 7])(
      'when the stream arrives in chunks of %i characters, emits each element once',
      (size) => {
        const parser = new LimitedParser();
        const seen = watch(parser);
        // ltx alone loses the whole stream when `?>` or `]]>` is split between two chunks.
        const text = `${HEADER}<message from='a@b'><body>h&amp;i<![CDATA[]]]]></body></message> <presence/>`;
        for (let i = 0; i < text.length; i += size) parser.write(text.slice(i, i + size));
        expect(seen.elements.map((e) => e.toString())).toEqual([
          '<message from="a@b"><body>h&amp;i]]</body></message>',
          '<presence/>',
        ]);
        expect(seen.errors).toEqual([]);
      },
    );

    it('when whitespace keepalives come between stanzas, keeps none of it on the root', () => {
      const parser = new LimitedParser();
      watch(parser);
      parser.write(HEADER);
      for (let i = 0; i < 100; i++) parser.write(' \n');
      expect((parser as unknown as { root: Element }).root.children).toEqual([]);
    });

    it('when a stanza is exactly the limit, emits it; one byte more fails with SB_STANZA_TOO_LARGE', () => {
      const exact = new LimitedParser({ maxStanzaBytes: 100 });
      const ok = watch(exact);
      exact.write(HEADER + message(100));
      expect(ok.elements).toHaveLength(1);
      expect(ok.errors).toEqual([]);

      const over = new LimitedParser({ maxStanzaBytes: 100 });
      const failed = watch(over);
      over.write(HEADER + message(101));
      expect(failed.elements).toEqual([]);
      expect(failed.errors).toEqual([
        expect.objectContaining({
          code: 'SB_STANZA_TOO_LARGE',
          details: { limit: 'bytes', max: 100 },
        }),
      ]);
    });

    it('when many small stanzas come in one chunk larger than the limit, emits them all', () => {
      const parser = new LimitedParser({ maxStanzaBytes: 100 });
      const seen = watch(parser);
      parser.write(HEADER + message(90).repeat(50));
      expect(seen.elements).toHaveLength(50);
      expect(seen.errors).toEqual([]);
    });

    it.each([
      ['text without <', '<message><body>', 'x'.repeat(40)],
      ['an unterminated start tag', "<message to='", 'a'.repeat(40)],
      ['whitespace without end', '', ' '.repeat(40)],
    ])('when %s keeps coming, fails with SB_STANZA_TOO_LARGE past the limit', (_, start, chunk) => {
      const parser = new LimitedParser({ maxStanzaBytes: 1000 });
      const seen = watch(parser);
      parser.write(HEADER + start);
      let written = 0;
      while (seen.errors.length === 0 && written < 10_000) {
        parser.write(chunk);
        written += chunk.length;
      }
      expect(seen.errors).toEqual([expect.objectContaining({ code: 'SB_STANZA_TOO_LARGE' })]);
      expect(written).toBeGreaterThan(1000 - chunk.length * 2);
      expect(written).toBeLessThanOrEqual(1000 + chunk.length);
    });

    it('when a stanza nests deeper than maxDepth, fails with SB_STANZA_TOO_LARGE', () => {
      const parser = new LimitedParser({ maxDepth: 4 });
      const seen = watch(parser);
      parser.write(`${HEADER}<a><b><c><d></d></c></b></a>`);
      expect(seen.elements).toHaveLength(1);
      parser.write('<a><b><c><d><e>');
      expect(seen.errors).toEqual([
        expect.objectContaining({
          code: 'SB_STANZA_TOO_LARGE',
          details: { limit: 'depth', max: 4 },
        }),
      ]);
    });

    it.each([
      ['a close tag before the stream header', '</stream:stream>', false],
      ['a mismatched close tag', '<a></b>', true],
      ['an undefined entity', '<a>&bogus;</a>', true],
      ['an illegal character reference', '<a>&#1;</a>', true],
      ['an unparsable character reference', '<a>&#xZZ;</a>', true],
      ['character data at the stream level', 'hello<a/>', true],
      ['text before the stream header', 'hello<stream:stream>', false],
      ['an element name that is not an XML name', '<1a/>', true],
      ['an attribute name that is not an XML name', "<a b<c='1'/>", true],
    ])(
      'when it gets %s, reports SB_XML_MALFORMED instead of throwing',
      (_, garbage, afterHeader) => {
        const parser = new LimitedParser();
        const seen = watch(parser);
        expect(() => parser.write((afterHeader ? HEADER : '') + garbage)).not.toThrow();
        expect(seen.errors).toEqual([expect.objectContaining({ code: 'SB_XML_MALFORMED' })]);
        expect((seen.errors[0] as Error).message).not.toContain(garbage);
      },
    );

    it('after the first error, reports nothing more and never throws, even with no listener', () => {
      const parser = new LimitedParser();
      const seen = watch(parser);
      parser.write(`${HEADER}<a></b></c></d>`);
      (parser as unknown as NodeJS.EventEmitter).removeAllListeners();
      expect(() => parser.write('</e>&bogus;<f>')).not.toThrow();
      expect(seen.errors).toHaveLength(1);
    });

    it('when a listener throws, reports that error instead of throwing out of write', () => {
      const parser = new LimitedParser();
      const seen = watch(parser);
      const bug = new Error('listener bug');
      (parser as unknown as NodeJS.EventEmitter).prependListener('element', () => {
        throw bug;
      });
      expect(() => parser.write(`${HEADER}<a/>`)).not.toThrow();
      expect(seen.errors).toEqual([bug]);
    });

    it('when the server closes the stream, emits end and ignores what follows', () => {
      const parser = new LimitedParser();
      const seen = watch(parser);
      parser.write(`${HEADER}<a/></stream:stream>garbage</x>`);
      parser.write('&bogus;');
      expect(seen.ends).toBe(1);
      expect(seen.elements).toHaveLength(1);
      expect(seen.errors).toEqual([]);
    });
  });

  describe('restricted XML (RFC 6120 §11.1)', () => {
    const before = '<message><body>before</body></message>';
    it.each([
      [
        'a DOCTYPE before the stream header',
        `<?xml version='1.0'?><!DOCTYPE stream>${HEADER.slice(21)}`,
        false,
      ],
      ['a DOCTYPE after the stream header', '<!DOCTYPE x [<!ENTITY a "b">]><a/>', true],
      ['an entity declaration', '<!ENTITY a "b"><a/>', true],
      ['a comment', '<!-- hi --><a/>', true],
      ['a comment that never ends', '<!--', true],
      ['a processing instruction', "<?php echo 'hi'; ?><a/>", true],
      ['an XML declaration after the stream header', "<?xml version='1.0'?><a/>", true],
      [
        'an xml-stylesheet instruction before the stream header',
        `<?xml-stylesheet href='a'?>${HEADER}`,
        false,
      ],
      ['a CDATA opener inside a tag name', '<a![CDATA[x]]><!-- -->', true],
      ['a ! inside an end tag', '<a></!a>', true],
      ['a ? inside a tag name', '<a?b/>', true],
      [
        'a CDATA opener in an attribute value, then a comment',
        "<a b='<![CDATA['><!-- ]]> --></a>",
        true,
      ],
    ])(
      'when it gets %s, fails at once with restricted-xml however it is split',
      (_, text, afterHeader) => {
        const prefix = afterHeader ? HEADER + before : '';
        expectEveryArrival(prefix + text, {
          elements: afterHeader ? ['<message><body>before</body></message>'] : [],
          errors: ['restricted-xml'],
        });
      },
    );

    it('when the XML declaration is not closed before the stream header, fails with restricted-xml', () => {
      expectEveryArrival(`<?xml version='1.0' ${HEADER.slice(21)}<a/>`, {
        elements: [],
        errors: ['restricted-xml'],
      });
    });

    it('when CDATA sections hold <!, <? and ]], delivers their text however it is split', () => {
      const cdata = '<![CDATA[<!DOCTYPE x><!-- y --><?z?>]]]>';
      expectEveryArrival(`${HEADER}<message a='x>y'><body>${cdata}</body></message><a/>`, {
        elements: [
          '<message a="x&gt;y"><body>&lt;!DOCTYPE x&gt;&lt;!-- y --&gt;&lt;?z?&gt;]</body></message>',
          '<a/>',
        ],
        errors: [],
      });
    });
  });

  describe('stream header (RFC 6120 §4.7)', () => {
    const streams = "xmlns:stream='http://etherx.jabber.org/streams'";
    it.each([
      [
        'a root element other than stream',
        `<stream:features xmlns='jabber:client' ${streams} version='1.0'>`,
      ],
      [
        'the stream element in another namespace',
        "<stream:stream xmlns='jabber:client' xmlns:stream='urn:x' version='1.0'>",
      ],
      ['no stream namespace', "<stream xmlns='jabber:client' version='1.0'>"],
      [
        'a server-to-server default namespace',
        `<stream:stream xmlns='jabber:server' ${streams} version='1.0'>`,
      ],
      ['no default namespace', `<stream:stream ${streams} version='1.0'>`],
      ['no version', `<stream:stream xmlns='jabber:client' ${streams}>`],
      ['version 2.0', `<stream:stream xmlns='jabber:client' ${streams} version='2.0'>`],
      ['version 1', `<stream:stream xmlns='jabber:client' ${streams} version='1'>`],
    ])('when the server opens with %s, fails with stream-header', (_, header) => {
      expectEveryArrival(`${header}<a/>`, { elements: [], errors: ['stream-header'] });
    });

    it.each([
      [
        'another prefix for the streams namespace',
        "<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams' version='1.0'>",
      ],
      ['version 1.1', `<stream:stream xmlns='jabber:client' ${streams} version='1.1'>`],
    ])('when the server opens with %s, accepts it', (_, header) => {
      expectEveryArrival(`${header}<a/>`, { elements: ['<a/>'], errors: [] });
    });
  });

  describe('characters (XML 1.0 §2.2)', () => {
    it.each([
      ['a raw U+0000 in text', '<a>x\u0000y</a>'],
      ['a raw U+001B in text', '<a>\u001b[31m</a>'],
      ['a raw U+FFFE in text', '<a>\uFFFE</a>'],
      ['a raw U+FFFF in an attribute value', "<a b='\uFFFF'/>"],
      ['a control character in CDATA', '<a><![CDATA[\u0001]]></a>'],
      ['a control character in an attribute value', "<a b='x\u0008'/>"],
      ['a reference to U+0000', '<a>&#0;</a>'],
      ['a reference to U+FFFE', '<a>&#xFFFE;</a>'],
      ['a reference to a lone surrogate', '<a>&#xD800;</a>'],
      ['a lone surrogate in text', '<a>\uDC00x</a>'],
      ['a reference to U+0001 in an attribute value', "<a b='&#1;'/>"],
      [
        'a raw U+0000 in the stream header',
        HEADER.replace("version='1.0'>", "version='1.0' id='\u0000'>"),
      ],
    ])('when it gets %s, fails with invalid-character', (_, text) => {
      const input = text.startsWith('<?xml') ? text : HEADER + text;
      expectEveryArrival(input, { elements: [], errors: ['invalid-character'] });
    });

    it('when text holds tabs, line ends, U+FFFD and characters beyond U+FFFF, delivers it', () => {
      const text = '\t\r\n\uFFFD\uD83D\uDE00\u{10FFFD}\uE000';
      expect(outcome([`${HEADER}<a b='${text}'>${text}</a>`])).toEqual({
        elements: [`<a b="${text}">${text}</a>`],
        errors: [],
      });
    });
  });

  describe('STARTTLS <proceed/>', () => {
    it('when <proceed/> ends the chunk (whitespace aside), emits it', () => {
      const parser = new LimitedParser();
      const seen = watch(parser);
      parser.write(HEADER);
      parser.write(`${PROCEED} \r\n`);
      expect(seen.elements.map((e) => e.name)).toEqual(['proceed']);
      expect(seen.errors).toEqual([]);
    });

    it.each([
      ['an element', `${PROCEED}<stream:features/>`],
      ['text', `${PROCEED}garbage`],
    ])(
      'when %s follows <proceed/> in the same chunk, never emits it and fails with SB_TLS_FAILED',
      (_, chunk) => {
        const parser = new LimitedParser();
        const seen = watch(parser);
        parser.write(HEADER + chunk);
        expect(seen.elements).toEqual([]);
        expect(seen.errors).toEqual([
          expect.objectContaining({
            code: 'SB_TLS_FAILED',
            details: { reason: 'data-after-proceed' },
          }),
        ]);
        expect(SwitchboardError.is(seen.errors[0])).toBe(true);
      },
    );
  });
});

describe(limitedParserClass, () => {
  it('when given no limits, builds parsers with the 1 MiB default', () => {
    const Parser = limitedParserClass();
    const parser = new Parser();
    const seen = watch(parser);
    parser.write(HEADER + message(MAX_STANZA_BYTES + 1));
    expect(seen.errors).toEqual([
      expect.objectContaining({
        code: 'SB_STANZA_TOO_LARGE',
        details: { limit: 'bytes', max: MAX_STANZA_BYTES },
      }),
    ]);
  });
});
