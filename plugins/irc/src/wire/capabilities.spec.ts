import { SwitchboardError } from '@switchboard/core';
import { errorOf } from '@switchboard/testing/property';
import { applyCapChange, CapLsCollector, capSubcommand, parseCapList } from './capabilities';
import { parseLine } from './parseLine';

describe(parseCapList, () => {
  it('when capabilities have values or none, maps each name to its value', () => {
    expect([
      ...parseCapList('sasl=PLAIN,EXTERNAL,SCRAM-SHA-256  server-time draft/chathistory=100'),
    ]).toEqual([
      ['sasl', 'PLAIN,EXTERNAL,SCRAM-SHA-256'],
      ['server-time', ''],
      ['draft/chathistory', '100'],
    ]);
  });

  it('when a name is not a capability name, throws SB_IRC_MALFORMED', () => {
    const error = errorOf(() => parseCapList('ok bad\u0001name'));
    expect(SwitchboardError.is(error, 'SB_IRC_MALFORMED')).toBe(true);
    expect((error as SwitchboardError).details.reason).toBe('invalid-cap');
  });
});

describe(CapLsCollector, () => {
  it('when CAP LS 302 spans several lines, gives the whole listing after the last one', () => {
    const collector = new CapLsCollector();
    expect(
      collector.add(parseLine(':s.example CAP * LS * :multi-prefix sasl=PLAIN')),
    ).toBeUndefined();
    expect(collector.add(parseLine(':s.example CAP * LS * :message-tags'))).toBeUndefined();
    const caps = collector.add(parseLine(':s.example CAP * LS :echo-message cap-notify'));
    expect(caps).toEqual(
      new Map([
        ['multi-prefix', ''],
        ['sasl', 'PLAIN'],
        ['message-tags', ''],
        ['echo-message', ''],
        ['cap-notify', ''],
      ]),
    );
  });

  it('when the listing is one line, gives it at once', () => {
    const caps = new CapLsCollector().add(parseLine('CAP * LS :sasl'));
    expect(caps).toEqual(new Map([['sasl', '']]));
  });

  it('when a server sends more lines than allowed, throws SB_IRC_MALFORMED', () => {
    const collector = new CapLsCollector(3);
    for (let i = 0; i < 3; i++) collector.add(parseLine(`CAP * LS * :c${i}`));
    const error = errorOf(() => collector.add(parseLine('CAP * LS * :c4')));
    expect((error as SwitchboardError).details).toEqual({ reason: 'too-many-cap-lines', limit: 3 });
  });

  it('when the message is not CAP LS, throws SB_IRC_MALFORMED', () => {
    const error = errorOf(() => new CapLsCollector().add(parseLine('CAP * ACK :sasl')));
    expect(SwitchboardError.is(error, 'SB_IRC_MALFORMED')).toBe(true);
  });
});

describe(applyCapChange, () => {
  const before = new Map([
    ['sasl', 'PLAIN'],
    ['away-notify', ''],
  ]);

  it('when CAP NEW comes, adds or updates the capabilities', () => {
    const after = applyCapChange(before, parseLine('CAP me NEW :sasl=PLAIN,EXTERNAL batch'));
    expect(after).toEqual(
      new Map([
        ['sasl', 'PLAIN,EXTERNAL'],
        ['away-notify', ''],
        ['batch', ''],
      ]),
    );
    expect(before.get('sasl')).toBe('PLAIN');
  });

  it('when CAP DEL comes, removes them', () => {
    expect(applyCapChange(before, parseLine('CAP me DEL :sasl'))).toEqual(
      new Map([['away-notify', '']]),
    );
  });

  it('when another message comes, leaves the capabilities as they are', () => {
    expect(applyCapChange(before, parseLine('CAP me ACK :sasl'))).toEqual(before);
    expect(capSubcommand(parseLine('PING :x'))).toBeUndefined();
  });
});
