/**
 * `@switchboard/testing/property`: fast-check arbitraries for property tests of SASL
 * mechanisms. A subpath of its own, so that the rest of the testing kit (which the CLI's demo
 * uses at run time) does not need fast-check; install `fast-check` (a peer dependency) to use it.
 * @packageDocumentation
 */
export { anyChallenge, errorOf, payload, unicodeChar } from './property/arbitraries';
