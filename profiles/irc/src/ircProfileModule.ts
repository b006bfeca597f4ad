import { ContainerModule, defineProfile, ProfilePluginToken } from '@switchboard/core';
import { IrcProfile, ircProfile } from './IrcProfile';

/** The bindings of the generic IRC profile module. */
export const ircProfileBindings = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(IrcProfile).inSingletonScope();
});

/**
 * The generic IRC profile module: its bindings with a manifest (name, version, the core range
 * it supports, and `@switchboard/irc` as a dependency), checked when a Switchboard loads it.
 */
export const ircProfileModule = defineProfile({
  name: '@switchboard/profile-irc',
  version: '0.1.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/irc'],
  profiles: [ircProfile],
  bindings: ircProfileBindings,
});

export default ircProfileModule;
