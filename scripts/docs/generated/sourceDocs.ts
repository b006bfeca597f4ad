import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as ts from 'typescript';

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/**
 * The file a package entry point re-exports `name` from (`export { name } from './x'`), so the
 * generators follow the public API rather than a path that may move.
 */
export function exportSource(entryPoint: string, name: string): string {
  for (const statement of parse(entryPoint).statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) continue;
    const clause = statement.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) continue;
    if (!clause.elements.some((element) => element.name.text === name)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    return resolve(dirname(entryPoint), `${specifier}.ts`);
  }
  throw new Error(`${entryPoint} does not re-export ${name} from a module.`);
}

/** The text of a TSDoc comment, tags and leading asterisks dropped, joined to one line. */
function docText(node: ts.Node): string | undefined {
  const [doc] = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const comment = doc === undefined ? undefined : ts.getTextOfJSDocComment(doc.comment);
  return comment?.replace(/\s+/g, ' ').trim();
}

/** Each member of an exported interface with the first sentence block of its TSDoc. */
export function interfaceMemberDocs(file: string, interfaceName: string): Map<string, string> {
  const docs = new Map<string, string>();
  const source = parse(file);
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === interfaceName,
  );
  if (declaration === undefined) throw new Error(`${file} declares no ${interfaceName}.`);
  for (const member of declaration.members) {
    if (member.name === undefined) continue;
    const name =
      ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)
        ? member.name.text
        : undefined;
    const text = docText(member);
    if (name !== undefined && text !== undefined) docs.set(name, text);
  }
  return docs;
}

/** The TSDoc of an exported `const`, on one line; undefined when it has none. */
export function constDoc(file: string, constName: string): string | undefined {
  for (const statement of parse(file).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === constName) {
        return docText(declaration);
      }
    }
  }
  throw new Error(`${file} declares no ${constName}.`);
}

/** One property of a `const` object literal, with the `//` heading above it, if any. */
export interface GroupedEntry {
  readonly name: string;
  readonly value: string;
  /** The last `// Heading` comment above this property or an earlier one; `''` before any. */
  readonly group: string;
}

/** The TSDoc of an exported `const` and its string-valued properties, grouped by `//` comments. */
export interface GroupedObject {
  readonly doc: string | undefined;
  readonly entries: readonly GroupedEntry[];
}

/**
 * Reads `export const name = { KEY: 'text', ... } as const` with `// Group` line comments
 * between its properties. Anything else in the literal (a computed key, a value that is not a
 * string literal) is an error: the generator must not guess.
 */
export function groupedObject(file: string, constName: string): GroupedObject {
  const source = parse(file);
  const text = source.getFullText();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== constName) continue;
      let init = declaration.initializer;
      while (init !== undefined && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) {
        init = init.expression;
      }
      if (init === undefined || !ts.isObjectLiteralExpression(init)) {
        throw new Error(`${constName} in ${file} is not an object literal.`);
      }
      let group = '';
      const entries = init.properties.map((property): GroupedEntry => {
        for (const range of ts.getLeadingCommentRanges(text, property.getFullStart()) ?? []) {
          if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
            group = text.slice(range.pos + 2, range.end).trim();
          }
        }
        if (
          !ts.isPropertyAssignment(property) ||
          !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ||
          !ts.isStringLiteralLike(property.initializer)
        ) {
          throw new Error(`${constName} in ${file}: cannot read "${property.getText()}".`);
        }
        return { name: property.name.text, value: property.initializer.text, group };
      });
      return { doc: docText(declaration), entries };
    }
  }
  throw new Error(`${file} declares no ${constName}.`);
}

function unwrap(node: ts.Expression | undefined): ts.Expression | undefined {
  let out = node;
  while (out !== undefined && (ts.isAsExpression(out) || ts.isSatisfiesExpression(out))) {
    out = out.expression;
  }
  return out;
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (name === undefined) return undefined;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/**
 * The TSDoc of each property of the object literal `objectProperty` inside the exported `const`
 * `constName`, e.g. the note next to each capability a profile descriptor declares (why it is
 * on or off, with its source). Spread members and properties without TSDoc are left out.
 */
export function nestedPropertyDocs(
  file: string,
  constName: string,
  objectProperty: string,
): Map<string, string> {
  const docs = new Map<string, string>();
  for (const statement of parse(file).statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== constName) continue;
      const init = unwrap(declaration.initializer);
      if (init === undefined || !ts.isObjectLiteralExpression(init)) return docs;
      const holder = init.properties.find(
        (p): p is ts.PropertyAssignment =>
          ts.isPropertyAssignment(p) && propertyName(p) === objectProperty,
      );
      const inner = unwrap(holder?.initializer);
      if (inner === undefined || !ts.isObjectLiteralExpression(inner)) return docs;
      for (const property of inner.properties) {
        const name = propertyName(property);
        const text = docText(property);
        if (name !== undefined && text !== undefined && text !== '') docs.set(name, text);
      }
      return docs;
    }
  }
  throw new Error(`${file} declares no ${constName}.`);
}
