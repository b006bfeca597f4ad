import { luaModulesDir } from './luaModulesDir';
import { withProviders } from './withProviders';

describe(withProviders, () => {
  const tokenFile = '/tmp/tokens.json';

  it('when no hosts are given, adds one host per provider with its modules and settings', () => {
    const options = withProviders(
      {},
      {
        tokenFile,
        messenger: { domain: 'm.test', idleDropSeconds: 90, allowRosterAdd: true },
        facebook: { domain: 'f.test', apiKey: 'KEY"1', appSecret: 'S', nonce: 'N' },
        gtalk: { domain: 'g.test' },
        oauthbearer: {
          domain: 'o.test',
          scope: 'xmpp',
          openidConfiguration: 'https://o.test/.well-known',
        },
      },
    );
    const config = Object.fromEntries((options.hosts ?? []).map((h) => [h.domain, h.config]));
    expect(Object.keys(config)).toEqual(['m.test', 'f.test', 'g.test', 'o.test']);
    expect(config['m.test']).toContain(
      'modules_enabled = { "sb_messenger", "sb_messenger_limits", "sb_no_rooms" }',
    );
    expect(config['m.test']).toContain(
      'sb_roster_allow_add = true\nsb_idle_drop = true\nsb_idle_timeout = 90',
    );
    expect(config['f.test']).toContain(
      'modules_enabled = { "sb_facebook", "sb_facebook_limits", "sb_no_rooms" }',
    );
    expect(config['f.test']).toContain('sb_facebook_api_key = "KEY\\"1"');
    expect(config['f.test']).toContain('sb_facebook_app_secret = "S"\nsb_facebook_nonce = "N"');
    expect(config['g.test']).toContain('modules_enabled = { "sb_gtalk", "sb_no_rooms" }');
    for (const domain of ['m.test', 'f.test', 'g.test']) {
      expect([domain, config[domain]]).toEqual([
        domain,
        expect.stringContaining('modules_disabled = { "carbons", "mam" }'),
      ]);
    }
    expect(config['o.test']).not.toContain('modules_disabled');
    expect(config['o.test']).not.toContain('sb_no_rooms');
    expect(config['g.test']).not.toContain('"PLAIN"');
    expect(config['o.test']).toContain('sb_oauthbearer_scope = "xmpp"');
    expect(config['o.test']).toContain(
      'sb_oauthbearer_openid_configuration = "https://o.test/.well-known"',
    );
    expect(options.pluginPaths).toEqual([luaModulesDir]);
    expect(options.extraConfig).toBe('sb_token_file = "/tmp/tokens.json"');
  });

  it('when a host of the same domain exists, merges into it and keeps the other options', () => {
    const options = withProviders(
      {
        hosts: [
          { domain: 'plain.test' },
          { domain: 'm.test', users: [{ username: 'a', password: 'b' }], config: 'x = 1' },
        ],
        pluginPaths: ['/mine'],
        extraConfig: 'y = 2',
        logLevel: 'debug',
      },
      { tokenFile, messenger: { domain: 'm.test', limits: false } },
    );
    expect(options.hosts).toEqual([
      { domain: 'plain.test' },
      {
        domain: 'm.test',
        users: [{ username: 'a', password: 'b' }],
        config: expect.stringMatching(
          /^x = 1\nmodules_enabled = \{ "sb_messenger", "sb_no_rooms" \}\n/,
        ),
      },
    ]);
    expect(options.pluginPaths).toEqual(['/mine', luaModulesDir]);
    expect(options.extraConfig).toBe('y = 2\nsb_token_file = "/tmp/tokens.json"');
    expect(options.logLevel).toBe('debug');
  });

  it('when standardMechanisms is true, no mechanisms are disabled', () => {
    const options = withProviders(
      {},
      { tokenFile, standardMechanisms: true, messenger: { domain: 'm.test' } },
    );
    expect(options.hosts?.[0]?.config).not.toContain('disable_sasl_mechanisms');
  });

  it.each([
    [
      'two providers share a domain',
      { gtalk: { domain: 'x.test' }, oauthbearer: { domain: 'x.test' } },
    ],
    ['the api key is empty', { facebook: { domain: 'f.test', apiKey: '' } }],
    ['the idle timeout is not positive', { messenger: { domain: 'm.test', idleDropSeconds: 0 } }],
  ])('when %s, throws SB_CONFIG_INVALID', (_, providers) => {
    expect(() => withProviders({}, { tokenFile, ...providers })).toThrow(
      expect.objectContaining({ code: 'SB_CONFIG_INVALID' }),
    );
  });
});
