/**
 * @switchboard/profile-irc: the generic IRC profile.
 * @packageDocumentation
 */
export { IrcProfile, ircProfile } from './IrcProfile';
export { default, ircProfileBindings, ircProfileModule } from './ircProfileModule';
