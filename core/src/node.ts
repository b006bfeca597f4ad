/**
 * @switchboard/core/node: the Node-only parts of the kernel (file token store, loopback OAuth2
 * redirect receiver). Browser and Electron-renderer hosts import only `@switchboard/core`.
 * @packageDocumentation
 */

export type { LoopbackAuthorizationOptions } from './node/authorizeWithLoopback';
export { authorizeWithLoopback } from './node/authorizeWithLoopback';
export { FileTokenStore } from './node/FileTokenStore';
export type { LoopbackRedirect, LoopbackRedirectOptions } from './node/LoopbackRedirectReceiver';
export { startLoopbackRedirect } from './node/LoopbackRedirectReceiver';
