import type { Command } from 'commander';

/** Adds `demo` to the program. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Run Switchboard against local stand-ins for Jabber, Messenger, Facebook and Google Talk ' +
        '(Prosody on loopback): sign in, presence, typing, messages, a capability refusal and an ' +
        'OAuth2 token refresh, then stop everything. Needs Prosody (apt-get install -y prosody).',
    )
    .action(async (_options: unknown, command: Command) => {
      const { debug } = command.optsWithGlobals<{ debug?: boolean }>();
      // The demo (and the testing kit it starts Prosody with) loads only when it runs.
      const { demoCommand } = await import('./demoCommand');
      process.exitCode = await demoCommand({ debug: debug === true });
    });
}
