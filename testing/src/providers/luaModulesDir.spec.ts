import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { luaModulesDir } from './luaModulesDir';

describe('luaModulesDir', () => {
  it('when imported from the sources, is the absolute lua folder next to package.json', () => {
    expect(isAbsolute(luaModulesDir)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(luaModulesDir, '..', 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@switchboard/testing');
    expect(manifest.files).toContain('lua');
  });

  it.each([
    'mod_sb_tokens.lua',
    'mod_sb_messenger.lua',
    'mod_sb_messenger_limits.lua',
    'mod_sb_facebook.lua',
    'mod_sb_facebook_limits.lua',
    'mod_sb_gtalk.lua',
    'mod_sb_no_rooms.lua',
    'mod_sb_oauthbearer.lua',
    'sb_limits.lib.lua',
  ])('when listed, holds %s', (file) => {
    expect(existsSync(join(luaModulesDir, file))).toBe(true);
  });
});
