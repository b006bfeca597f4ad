/**
 * @switchboard/profile-libera: the Libera.Chat profile.
 * @packageDocumentation
 */
export { LIBERA_FLOOD, LiberaProfile, liberaProfile } from './LiberaProfile';
export { default, liberaBindings, liberaModule } from './liberaModule';
