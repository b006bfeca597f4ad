import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Extraction, extractSnippets, type Snippet } from './extractSnippets';
import { workspacePackages } from './workspacePackages';

function markdownUnder(root: string, dir: string, skip: readonly string[]): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.includes(path) ? [] : markdownUnder(root, path, skip);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** The Markdown files whose snippets are checked: README.md, docs/ (not docs/api), package READMEs. */
export function snippetFiles(root: string): string[] {
  return [
    'README.md',
    ...markdownUnder(root, 'docs', ['docs/api']),
    ...workspacePackages(root)
      .map((dir) => join(dir, 'README.md'))
      .filter((file) => existsSync(join(root, file))),
  ]
    .map((file) => relative(root, join(root, file)))
    .sort();
}

/** Every snippet of every checked file, and every marker problem. */
export function collectSnippets(root: string): { snippets: Snippet[]; problems: string[] } {
  const snippets: Snippet[] = [];
  const problems: string[] = [];
  for (const file of snippetFiles(root)) {
    const extraction: Extraction = extractSnippets(file, readFileSync(join(root, file), 'utf8'));
    snippets.push(...extraction.snippets);
    problems.push(...extraction.problems);
  }
  return { snippets, problems };
}
