// @ts-check
/**
 * A TypeDoc plugin: names each entry-point module after its package (`@switchboard/core`,
 * `@switchboard/core/node`) instead of its path (`core/src`, `core/src/node`), without an
 * `@module` tag in every entry file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Converter, ReflectionKind } from 'typedoc';

/** The `name` of the nearest package.json above `file`. */
function packageName(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).name;
  }
  return undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    const file = declaration?.getSourceFile().fileName;
    const name = file === undefined ? undefined : packageName(file);
    if (file === undefined || name === undefined) return;
    const entry = basename(file, extname(file));
    reflection.name = entry === 'index' ? name : `${name}/${entry}`;
  });
}
