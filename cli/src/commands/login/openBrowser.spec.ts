import { browserCommand } from './openBrowser';

describe(browserCommand, () => {
  const url = 'http://127.0.0.1:1/authorize?a=1&b=2';

  it('when $BROWSER is set, uses it', () => {
    expect(browserCommand(url, { BROWSER: '/usr/bin/firefox' }, 'linux')).toEqual([
      '/usr/bin/firefox',
      [url],
    ]);
  });

  it.each([
    ['linux', 'xdg-open', [url]],
    ['darwin', 'open', [url]],
    ['win32', 'rundll32', ['url.dll,FileProtocolHandler', url]],
  ] as const)('when on %s, uses %s', (platform, command, args) => {
    expect(browserCommand(url, {}, platform)).toEqual([command, args]);
  });
});
