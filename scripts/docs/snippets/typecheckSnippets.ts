import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import type { Snippet } from './extractSnippets';
import { locate, type SnippetModule, snippetModule } from './snippetModule';
import { workspacePackages } from './workspacePackages';

/** What the compiler said about the snippets. */
export interface SnippetCheck {
  /** Errors of one snippet, each as `file:line:col TSnnnn message`. */
  errorsOf(snippet: Snippet): readonly string[];
  /** Errors not tied to a snippet (options, global types). */
  readonly global: readonly string[];
}

/** The compiler options of the workspace (tsconfig.base.json), `paths` included, no emit. */
function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error !== undefined)
    throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    config.compilerOptions,
    root,
    configPath,
  );
  if (errors.length > 0) {
    throw new Error(
      errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'),
    );
  }
  // `paths` without `baseUrl` are relative to the config file's folder.
  return { ...options, noEmit: true, declaration: false, sourceMap: false, pathsBasePath: root };
}

/** A file name for a snippet: `docs_tokens.md_L47.ts`. */
export function snippetFileName(snippet: Snippet, suffix = ''): string {
  return `${snippet.file.replace(/[^A-Za-z0-9.]+/g, '_')}_L${snippet.line}${suffix}.ts`;
}

/**
 * Writes each snippet's module into `dir` (inside the repository, so `@switchboard/*` and
 * node_modules resolve as they do for the packages) and type-checks them all in one program.
 */
export function typecheckSnippets(
  root: string,
  dir: string,
  snippets: readonly Snippet[],
): SnippetCheck {
  const modules = new Map<Snippet, { path: string; module: SnippetModule }>();
  for (const snippet of snippets) {
    const module = snippetModule(snippet);
    const path = join(dir, snippetFileName(snippet));
    writeFileSync(path, module.text);
    modules.set(snippet, { path, module });
  }
  const options = compilerOptions(root);
  const host = ts.createCompilerHost(options);
  // A bare import the root cannot resolve (e.g. `inversify`) resolves as in the first workspace
  // package that depends on it.
  const fallbacks = workspacePackages(root).map((pkg) => join(root, pkg, 'package.json'));
  host.resolveModuleNameLiterals = (literals, containingFile, redirect, resolveOptions) =>
    literals.map(({ text }) => {
      const resolved = ts.resolveModuleName(
        text,
        containingFile,
        resolveOptions,
        host,
        undefined,
        redirect,
      );
      if (resolved.resolvedModule !== undefined || !containingFile.startsWith(dir)) return resolved;
      for (const from of fallbacks) {
        const fallback = ts.resolveModuleName(text, from, resolveOptions, host);
        if (fallback.resolvedModule !== undefined) return fallback;
      }
      return resolved;
    });
  const program = ts.createProgram(
    [...modules.values()].map((m) => m.path),
    options,
    host,
  );
  const format = (d: ts.Diagnostic, where: string): string =>
    `${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  return {
    global: [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) =>
      format(d, '(program)'),
    ),
    errorsOf(snippet) {
      const entry = modules.get(snippet);
      if (entry === undefined) throw new Error(`${snippet.file}:${snippet.line} was not checked`);
      const source = program.getSourceFile(entry.path);
      if (source === undefined) throw new Error(`${entry.path} is not in the program`);
      return [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ].map((d) => {
        const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
        return format(d, locate(entry.module, line, character));
      });
    },
  };
}
