/**
 * The dependency-injection API plugins, profiles and hosts use, re-exported from inversify 8.
 * Core's build carries inversify inside it (one file instead of inversify's ~340 modules), so
 * everything that declares bindings imports these from `@switchboard/core`: one copy of the
 * container code loads, and the decorators and the container always match.
 */
export type {
  BindingScope,
  ContainerModuleLoadOptions,
  ContainerOptions,
  Factory,
  Newable,
  ResolutionContext,
  ServiceIdentifier,
} from 'inversify';
export {
  Container,
  ContainerModule,
  inject,
  injectable,
  injectFromBase,
  LazyServiceIdentifier,
  multiInject,
  named,
  optional,
  postConstruct,
  preDestroy,
  tagged,
  unmanaged,
} from 'inversify';
