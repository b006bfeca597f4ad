import { resolve } from 'node:path';
import { configPath } from './configPath';

describe(configPath, () => {
  it('when --config is given, uses it (resolved)', () => {
    expect(configPath('my.json', { HOME: '/home/a' })).toBe(resolve('my.json'));
  });

  it('when XDG_CONFIG_HOME is set, uses it', () => {
    expect(configPath(undefined, { HOME: '/home/a', XDG_CONFIG_HOME: '/x' })).toBe(
      '/x/switchboard/accounts.json',
    );
  });

  it('when XDG_CONFIG_HOME is unset, empty or relative, uses ~/.config', () => {
    for (const xdg of [undefined, '', 'relative/dir']) {
      expect(configPath(undefined, { HOME: '/home/a', XDG_CONFIG_HOME: xdg })).toBe(
        '/home/a/.config/switchboard/accounts.json',
      );
    }
  });
});
