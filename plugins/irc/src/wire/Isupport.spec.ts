import { SwitchboardError } from '@switchboard/core';
import { errorOf } from '@switchboard/testing/property';
import { Isupport } from './Isupport';
import { parseLine } from './parseLine';

describe(Isupport, () => {
  it('when no 005 came, reads the defaults', () => {
    const isupport = new Isupport();
    expect(isupport.lineBytes).toBe(512);
    expect(isupport.nickLength).toBeUndefined();
    expect(isupport.chanTypes).toBe('#&');
    expect(isupport.casemapping).toBe('rfc1459');
  });

  it('when 005 lines come, gathers their tokens and reads LINELEN, NICKLEN and CHANTYPES', () => {
    const isupport = new Isupport();
    isupport.add(
      parseLine(':s.example 005 me LINELEN=2048 NICKLEN=32 :are supported by this server'),
    );
    isupport.add(
      parseLine(
        ':s.example 005 me CHANTYPES=# CASEMAPPING=ascii NETWORK=Test\\x20Net SAFELIST :are supported',
      ),
    );
    expect(isupport.lineBytes).toBe(2048);
    expect(isupport.nickLength).toBe(32);
    expect(isupport.chanTypes).toBe('#');
    expect(isupport.casemapping).toBe('ascii');
    expect(isupport.get('NETWORK')).toBe('Test Net');
    expect(isupport.get('SAFELIST')).toBe('');
  });

  it('when a token has a vendor prefix (draft/CHATHISTORY), keeps it under its full name', () => {
    const isupport = new Isupport();
    isupport.add(parseLine(':s 005 me draft/CHATHISTORY=100 CHATHISTORY=1000 :are supported'));
    expect(isupport.get('draft/CHATHISTORY')).toBe('100');
    expect(isupport.get('CHATHISTORY')).toBe('1000');
  });

  it('when a token is negated, removes it', () => {
    const isupport = new Isupport();
    isupport.add(parseLine(':s 005 me LINELEN=1024 :are supported'));
    isupport.add(parseLine(':s 005 me -LINELEN :are supported'));
    expect(isupport.lineBytes).toBe(512);
  });

  it('when a number is not a positive integer, reads the default', () => {
    const isupport = new Isupport();
    isupport.add(parseLine(':s 005 me LINELEN=0 NICKLEN=abc :are supported'));
    expect(isupport.lineBytes).toBe(512);
    expect(isupport.nickLength).toBeUndefined();
  });

  it('when a token is invalid or there are too many, throws SB_IRC_MALFORMED', () => {
    expect(
      SwitchboardError.is(
        errorOf(() => new Isupport().add(parseLine(':s 005 me bad!token :x'))),
        'SB_IRC_MALFORMED',
      ),
    ).toBe(true);
    const small = new Isupport(2);
    const error = errorOf(() => small.add(parseLine(':s 005 me A B C :are supported')));
    expect((error as SwitchboardError).details).toEqual({ reason: 'invalid-isupport', limit: 2 });
  });
});
