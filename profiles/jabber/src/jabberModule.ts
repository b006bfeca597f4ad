import { ContainerModule, defineProfile, ProfilePluginToken } from '@switchboard/core';
import { JabberProfile, jabberProfile } from './JabberProfile';

/** The bindings of the Jabber profile module. */
export const jabberBindings = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(JabberProfile).inSingletonScope();
});

/**
 * The jabber profile module: its bindings with a manifest (name, version, the core range it
 * supports, and `@switchboard/xmpp` as a dependency), checked when a Switchboard loads it.
 */
export const jabberModule = defineProfile({
  name: '@switchboard/profile-jabber',
  version: '0.1.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/xmpp'],
  profiles: [jabberProfile],
  bindings: jabberBindings,
});

export default jabberModule;
