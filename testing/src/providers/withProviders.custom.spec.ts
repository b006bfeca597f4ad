import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { luaModulesDir } from './luaModulesDir';
import { withProviders } from './withProviders';

describe(withProviders, () => {
  describe('custom', () => {
    const tokenFile = '/tmp/tokens.json';
    const dir = mkdtempSync(join(tmpdir(), 'sb-custom-'));
    const file = join(dir, 'mod_example_token.lua');
    writeFileSync(file, '-- test module\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const hostConfig = (options: ReturnType<typeof withProviders>, domain: string): string =>
      options.hosts?.find((h) => h.domain === domain)?.config ?? '';

    it('when the module is a file, loads it by name from its folder, before ours', () => {
      const options = withProviders(
        { pluginPaths: ['/mine'] },
        {
          tokenFile,
          custom: [
            {
              domain: 'x.test',
              module: file,
              extraModules: ['vcard_legacy', file],
              settings: { example_realm: 'R"1', example_max: 3, example_on: true, l: ['a', 'b'] },
            },
          ],
        },
      );
      expect(hostConfig(options, 'x.test').split('\n')).toEqual([
        'modules_enabled = { "example_token", "vcard_legacy", "example_token" }',
        'disable_sasl_mechanisms = { "SCRAM-SHA-1", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", "PLAIN", "ANONYMOUS", "DIGEST-MD5" }',
        'example_realm = "R\\"1"',
        'example_max = 3',
        'example_on = true',
        'l = { "a", "b" }',
      ]);
      expect(options.pluginPaths).toEqual(['/mine', dir, luaModulesDir]);
      expect(options.extraConfig).toBe('sb_token_file = "/tmp/tokens.json"');
    });

    it('when the module is one of ours by name, adds no folder', () => {
      const options = withProviders(
        {},
        { tokenFile, custom: [{ domain: 'o.test', module: 'sb_oauthbearer' }] },
      );
      expect(hostConfig(options, 'o.test')).toMatch(/^modules_enabled = \{ "sb_oauthbearer" \}\n/);
      expect(options.pluginPaths).toEqual([luaModulesDir]);
    });

    it.each([
      [true, undefined, []],
      [false, ['PLAIN'], ['PLAIN']],
      [true, false, undefined],
    ] as const)(
      'when the global flag is %s and the host says %j, keeps %j of the standard mechanisms',
      (global, own, kept) => {
        const options = withProviders(
          {},
          {
            tokenFile,
            standardMechanisms: global,
            custom: [
              {
                domain: 'c.test',
                module: 'sb_gtalk',
                ...(own === undefined ? {} : { standardMechanisms: own }),
              },
            ],
          },
        );
        const config = hostConfig(options, 'c.test');
        if (kept === undefined) {
          expect(config).toContain('"PLAIN", "ANONYMOUS"');
        } else if (kept.length === 0) {
          expect(config).not.toContain('disable_sasl_mechanisms');
        } else {
          expect(config).toContain('disable_sasl_mechanisms');
          expect(config).not.toContain('"PLAIN"');
        }
      },
    );

    it('when a module name is found in options.pluginPaths, accepts it', () => {
      const options = withProviders(
        { pluginPaths: [dir] },
        { tokenFile, custom: [{ domain: 'x.test', module: 'example_token' }] },
      );
      expect(hostConfig(options, 'x.test')).toContain('{ "example_token" }');
    });

    it.each([
      ['a name that no plugin path holds', { module: 'sb_nowhere' }, /No mod_sb_nowhere\.lua/],
      ['a relative path', { module: './mod_x.lua' }, /absolute path/],
      ['a missing file', { module: join(dir, 'mod_missing.lua') }, /existing file/],
      ['a file not named mod_*.lua', { module: join(dir, 'x.lua') }, /mod_<name>\.lua/],
      ['a setting key that is not a Lua name', { settings: { 'a-b': 1 } }, /not a Lua name/],
      ['a setting that is not finite', { settings: { a: Number.NaN } }, /finite/],
      ['the domain of a provider', { domain: 'm.test' }, /share the host m\.test/],
    ])('when given %s, throws SB_CONFIG_INVALID', (_, custom, message) => {
      expect(() =>
        withProviders(
          {},
          {
            tokenFile,
            messenger: { domain: 'm.test' },
            custom: [{ domain: 'x.test', module: file, ...custom }],
          },
        ),
      ).toThrow(
        expect.objectContaining({
          code: 'SB_CONFIG_INVALID',
          message: expect.stringMatching(message),
        }),
      );
    });
  });
});
