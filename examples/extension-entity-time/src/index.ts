/**
 * @acme/switchboard-entity-time: XEP-0202 Entity Time for Switchboard's XMPP accounts, an
 * example of a third-party extension written only against the public API.
 * @packageDocumentation
 */
export type { EntityTimeExtension, EntityTimeOptions } from './entityTime';
export { entityTime } from './entityTime';
export type { EntityTime } from './timeElement';
export { formatOffset, NS_TIME, parseTime, timeElement } from './timeElement';
