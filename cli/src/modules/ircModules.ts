/**
 * The IRC modules of the command and the demo: the base plugin's module (its SASL mechanisms)
 * and the plugin bound as profile `irc`. The only place the command names the IRC plugin; the
 * `@switchboard/profile-irc` package takes its place once it ships.
 */
import { ContainerModule, type LoadableModule, ProfilePluginToken } from '@switchboard/core';
import { IrcPlugin, ircModule } from '@switchboard/irc';

/** The base IRC plugin as profile `irc` (server from the address, TLS on 6697). */
const ircProfile = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(IrcPlugin).inSingletonScope();
});

/** What the command loads for IRC accounts, in order: the plugin, then the `irc` profile. */
export const ircModules: readonly LoadableModule[] = [ircModule, ircProfile];
