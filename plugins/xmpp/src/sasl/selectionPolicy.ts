import type { ChannelBindingType, CredentialKind, SelectionPolicy } from '@switchboard/core';

/** What the account and profile allow, for {@link selectionPolicy}. */
export interface SelectionSettings {
  readonly credentialKinds: readonly CredentialKind[];
  readonly profileMechanisms: readonly string[] | undefined;
  readonly accountMechanisms: readonly string[] | undefined;
  readonly allowInsecure: boolean;
}

/** The registry's selection policy for a login on a (`secure`) stream with `channelBindings`. */
export function selectionPolicy(
  settings: SelectionSettings,
  secure: boolean,
  channelBindings: readonly ChannelBindingType[],
): SelectionPolicy {
  return {
    secure,
    allowInsecure: settings.allowInsecure,
    credentialKinds: settings.credentialKinds,
    channelBindings,
    ...(settings.profileMechanisms === undefined
      ? {}
      : { profileMechanisms: settings.profileMechanisms }),
    ...(settings.accountMechanisms === undefined
      ? {}
      : { accountMechanisms: settings.accountMechanisms }),
  };
}
