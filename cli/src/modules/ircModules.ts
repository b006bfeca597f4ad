/**
 * The IRC modules of the command and the demo: the base plugin's module (its SASL mechanisms),
 * then the generic `irc` profile and the Libera.Chat profile (`libera`).
 */
import type { LoadableModule } from '@switchboard/core';
import { ircModule } from '@switchboard/irc';
import { ircProfileModule } from '@switchboard/profile-irc';
import { liberaModule } from '@switchboard/profile-libera';

/** What the command loads for IRC accounts, in order: the plugin, then its profiles. */
export const ircModules: readonly LoadableModule[] = [ircModule, ircProfileModule, liberaModule];
