import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSource, groupedObject, interfaceMemberDocs, nestedPropertyDocs } from './sourceDocs';

describe('sourceDocs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-source-docs-'));
    writeFileSync(
      join(dir, 'index.ts'),
      "export type { Caps } from './caps';\nexport { Codes } from './codes';\n",
    );
    writeFileSync(
      join(dir, 'caps.ts'),
      [
        'export interface Caps {',
        '  /** Fetch the contact list. */',
        "  readonly 'roster.read': boolean;",
        '  /**',
        '   * Typing',
        '   * notifications.',
        '   */',
        '  readonly chatStates: boolean;',
        '  readonly undocumented: boolean;',
        '}',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'codes.ts'),
      [
        '/** The catalogue. */',
        'export const Codes = {',
        '  SB_FIRST: "before any group",',
        '  // Group one',
        "  SB_A: 'a',",
        "  SB_B:\n    'b',",
        '',
        '  // Group two',
        "  SB_C: 'c',",
        '} as const;',
        'export const Bad = { [`x`]: 1 };',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'profile.ts'),
      [
        'export const profile = {',
        '  ...base,',
        "  id: 'p',",
        '  capabilities: {',
        '    ...base.capabilities,',
        '    // a line comment is not a note',
        '    ping: true,',
        '    /**',
        '     * No rooms: the provider',
        '     * had none (https://example.test/doc).',
        '     */',
        '    rooms: false,',
        "    /** Only chat. */ 'message.types': ['chat'],",
        '  },',
        '} as const;',
        'export const bare = { id: 1 };',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe(exportSource, () => {
    it('when the entry point re-exports the name, gives its file', () => {
      expect(exportSource(join(dir, 'index.ts'), 'Codes')).toBe(join(dir, 'codes.ts'));
      expect(exportSource(join(dir, 'index.ts'), 'Caps')).toBe(join(dir, 'caps.ts'));
    });

    it('when it does not, throws', () => {
      expect(() => exportSource(join(dir, 'index.ts'), 'Nope')).toThrow('does not re-export Nope');
    });
  });

  describe(interfaceMemberDocs, () => {
    it('when members have TSDoc, gives it on one line', () => {
      expect([...interfaceMemberDocs(join(dir, 'caps.ts'), 'Caps')]).toEqual([
        ['roster.read', 'Fetch the contact list.'],
        ['chatStates', 'Typing notifications.'],
      ]);
    });
  });

  describe(nestedPropertyDocs, () => {
    it('when properties of the nested object have TSDoc, gives each on one line', () => {
      expect([...nestedPropertyDocs(join(dir, 'profile.ts'), 'profile', 'capabilities')]).toEqual([
        ['rooms', 'No rooms: the provider had none (https://example.test/doc).'],
        ['message.types', 'Only chat.'],
      ]);
    });

    it('when the const has no such nested object, gives none', () => {
      expect(nestedPropertyDocs(join(dir, 'profile.ts'), 'bare', 'capabilities').size).toBe(0);
    });

    it('when the const does not exist, throws', () => {
      expect(() => nestedPropertyDocs(join(dir, 'profile.ts'), 'nope', 'capabilities')).toThrow(
        'declares no nope',
      );
    });
  });

  describe(groupedObject, () => {
    it('when properties sit under // headings, groups them in order', () => {
      expect(groupedObject(join(dir, 'codes.ts'), 'Codes')).toEqual({
        doc: 'The catalogue.',
        entries: [
          { name: 'SB_FIRST', value: 'before any group', group: '' },
          { name: 'SB_A', value: 'a', group: 'Group one' },
          { name: 'SB_B', value: 'b', group: 'Group one' },
          { name: 'SB_C', value: 'c', group: 'Group two' },
        ],
      });
    });

    it('when a property cannot be read, throws rather than guess', () => {
      expect(() => groupedObject(join(dir, 'codes.ts'), 'Bad')).toThrow('cannot read');
    });
  });
});
