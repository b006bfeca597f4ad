/**
 * @example-net/switchboard-profile: an example third-party IRC profile for Switchboard.
 * @packageDocumentation
 */
export { EXAMPLE_NET_FLOOD, ExampleNetProfile, exampleNetProfile } from './ExampleNetProfile';
export { default, exampleNetBindings, exampleNetModule } from './exampleNetModule';
