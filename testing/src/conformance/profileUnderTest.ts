import {
  type LoadableModule,
  type ProfileDescriptor,
  type StanzaLogEntry,
  Switchboard,
  SwitchboardError,
} from '@switchboard/core';

/** A Switchboard with the modules of a conformance run, its profile and its stanza log. */
export interface ProfileUnderTest {
  readonly switchboard: Switchboard;
  readonly profile: ProfileDescriptor;
  readonly log: StanzaLogEntry[];
}

/**
 * Loads `modules` into a Switchboard that logs every stanza or line, and finds `profileId`.
 * Throws `SB_PROFILE_UNKNOWN` at once when no module defines it.
 */
export function profileUnderTest(
  modules: readonly LoadableModule[],
  profileId: string,
): ProfileUnderTest {
  const log: StanzaLogEntry[] = [];
  const switchboard = Switchboard.create({ modules, stanzaLog: (entry) => log.push(entry) });
  const profiles = switchboard.profiles();
  const profile = profiles.find((p) => p.id === profileId);
  if (profile === undefined) {
    throw new SwitchboardError(
      'SB_PROFILE_UNKNOWN',
      `No module in options.modules defines profile "${profileId}" (loaded: ${profiles.map((p) => p.id).join(', ') || 'none'}); add the profile's ContainerModule.`,
      { details: { profile: profileId } },
    );
  }
  return { switchboard, profile, log };
}
