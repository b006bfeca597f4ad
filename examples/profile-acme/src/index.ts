/**
 * @acme/switchboard-profile-acme: an example third-party profile for Switchboard.
 * @packageDocumentation
 */
export { AcmeProfile, acmeProfile } from './AcmeProfile';
export { acmeBindings, acmeModule, default } from './acmeModule';
