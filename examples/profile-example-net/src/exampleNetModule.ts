import { ContainerModule, defineProfile, ProfilePluginToken } from '@switchboard/core';
import { ExampleNetProfile, exampleNetProfile } from './ExampleNetProfile';

/** The bindings: the profile plugin (the mechanisms come from `@switchboard/irc`'s module). */
export const exampleNetBindings = new ContainerModule(({ bind }) => {
  bind(ProfilePluginToken).to(ExampleNetProfile).inSingletonScope();
});

/** The ExampleNet profile module, with its manifest; load it after `ircModule`. */
export const exampleNetModule = defineProfile({
  name: '@example-net/switchboard-profile',
  version: '1.0.0',
  core: '^0.1.0',
  dependencies: ['@switchboard/irc'],
  profiles: [exampleNetProfile],
  bindings: exampleNetBindings,
});

export default exampleNetModule;
