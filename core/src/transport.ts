/**
 * @switchboard/core/transport: what the Node protocol plugins share about their sockets, the
 * TLS contexts (trust and client certificates, shared per setting) and the meaning of socket
 * error codes. Node only; browser hosts never load it.
 * @packageDocumentation
 */

export { isLoopbackHost } from './transport/isLoopbackHost';
export type { ClientCertificatePem } from './transport/secureContexts';
export { secureContextFor } from './transport/secureContexts';
export { isTlsErrorCode, NETWORK_ERROR_CODES } from './transport/socketErrors';
