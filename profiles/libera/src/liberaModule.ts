import { ContainerModule, defineProfile, ProfilePluginToken } from '@switchboard/core';
import { LiberaProfile, liberaProfile } from './LiberaProfile';

/** The bindings of the Libera.Chat profile module. */
export const liberaBindings = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(LiberaProfile).inSingletonScope();
});

/**
 * The Libera.Chat profile module: its bindings with a manifest (name, version, the core range
 * it supports, and `@switchboard/irc` as a dependency), checked when a Switchboard loads it.
 */
export const liberaModule = defineProfile({
  name: '@switchboard/profile-libera',
  version: '0.1.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/irc'],
  profiles: [liberaProfile],
  bindings: liberaBindings,
});

export default liberaModule;
