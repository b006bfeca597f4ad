import { parseSts, StsPolicies } from './StsPolicies';

describe(parseSts, () => {
  it('reads port and duration and ignores what is not a whole number', () => {
    expect(parseSts('port=6697,duration=300,preload')).toEqual({ port: 6697, duration: 300 });
    expect(parseSts('port=70000,duration=-1')).toEqual({});
    expect(parseSts('port=abc')).toEqual({});
  });
});

describe(StsPolicies, () => {
  it('keeps a policy for its duration, per host regardless of case, and drops it at duration=0', () => {
    let now = 1_000;
    const policies = new StsPolicies(() => now);
    policies.learn('IRC.example.org', 6697, 'duration=60');
    expect(policies.get('irc.example.org')).toEqual({ port: 6697, expiresAt: 61_000 });
    now = 61_000;
    expect(policies.get('irc.example.org')).toBeUndefined();
    policies.learn('irc.example.org', 6697, 'duration=60');
    policies.learn('irc.example.org', 6697, 'duration=0');
    expect(policies.get('irc.example.org')).toBeUndefined();
  });

  it('learns nothing from a value without a duration', () => {
    const policies = new StsPolicies();
    policies.learn('h', 6697, 'port=6697');
    expect(policies.get('h')).toBeUndefined();
  });
});
