/**
 * @switchboard/core/node: the Node-only parts of the kernel (file token store, loopback OAuth2
 * redirect receiver). Browser and Electron-renderer hosts import only `@switchboard/core`.
 * @packageDocumentation
 */
export { FileTokenStore } from './node/FileTokenStore';
