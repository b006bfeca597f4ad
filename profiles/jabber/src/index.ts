/**
 * @switchboard/profile-jabber: the generic Jabber/XMPP profile.
 * @packageDocumentation
 */
export { JabberProfile, jabberProfile } from './JabberProfile';
export { default, jabberBindings, jabberModule } from './jabberModule';
