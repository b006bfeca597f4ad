import { join, relative } from 'node:path';
import { capabilityNames, ErrorCodes, livenessDefaults } from '@switchboard/core';
import { facebookProfile } from '@switchboard/profile-facebook';
import { gtalkProfile } from '@switchboard/profile-gtalk';
import { ircProfile } from '@switchboard/profile-irc';
import { jabberProfile } from '@switchboard/profile-jabber';
import { liberaProfile } from '@switchboard/profile-libera';
import { messengerProfile } from '@switchboard/profile-messenger';
import { xmppDefaults } from '@switchboard/xmpp';
import { repoRoot } from '../repoRoot';
import { renderCapabilityMatrix } from './capabilityMatrix';
import { renderErrorReference } from './errorReference';
import {
  constDoc,
  exportSource,
  groupedObject,
  interfaceMemberDocs,
  nestedPropertyDocs,
} from './sourceDocs';

/** The command that writes every generated doc; named in their headers and in test failures. */
export const generateCommand = 'pnpm docs:generate';

/** A file under the repository root and the content it must have. */
export interface GeneratedDoc {
  /** Relative to the repository root, e.g. `docs/capabilities.md`. */
  readonly path: string;
  readonly content: string;
}

const coreEntry = join(repoRoot, 'core/src/index.ts');

/** The matrix's columns: the base plugin's defaults, then each profile. */
const descriptors = [
  ['xmppDefaults', xmppDefaults, '@switchboard/xmpp', 'plugins/xmpp'],
  ['jabberProfile', jabberProfile, '@switchboard/profile-jabber', 'profiles/jabber'],
  ['messengerProfile', messengerProfile, '@switchboard/profile-messenger', 'profiles/messenger'],
  ['facebookProfile', facebookProfile, '@switchboard/profile-facebook', 'profiles/facebook'],
  ['gtalkProfile', gtalkProfile, '@switchboard/profile-gtalk', 'profiles/gtalk'],
  ['ircProfile', ircProfile, '@switchboard/profile-irc', 'profiles/irc'],
  ['liberaProfile', liberaProfile, '@switchboard/profile-libera', 'profiles/libera'],
] as const;

function capabilities(): GeneratedDoc {
  const descriptions = interfaceMemberDocs(
    exportSource(coreEntry, 'CapabilitySet'),
    'CapabilitySet',
  );
  const columns = descriptors.map(([exportName, descriptor, packageName, folder]) => {
    const file = exportSource(join(repoRoot, folder, 'src/index.ts'), exportName);
    const notes = constDoc(file, exportName);
    const capabilityNotes = nestedPropertyDocs(file, exportName, 'capabilities');
    return {
      descriptor,
      exportName,
      packageName,
      capabilityNotes,
      ...(notes === undefined ? {} : { notes }),
    };
  });
  return {
    path: 'docs/capabilities.md',
    content: renderCapabilityMatrix({
      columns,
      capabilityNames,
      descriptions,
      livenessDefaults,
      command: generateCommand,
    }),
  };
}

function errors(): GeneratedDoc {
  const file = exportSource(coreEntry, 'ErrorCodes');
  const catalogue = groupedObject(file, 'ErrorCodes');
  // The parse must say exactly what the module exports, in the same order.
  const parsed = catalogue.entries.map(({ name, value }) => [name, value]);
  if (JSON.stringify(parsed) !== JSON.stringify(Object.entries(ErrorCodes))) {
    throw new Error(`Reading ${file} did not give the ErrorCodes the module exports.`);
  }
  return {
    path: 'docs/errors.md',
    content: renderErrorReference({
      catalogue,
      sourceLink: relative(join(repoRoot, 'docs'), file),
      command: generateCommand,
    }),
  };
}

/** Every generated doc, rendered from the current sources. */
export function generatedDocs(): GeneratedDoc[] {
  return [capabilities(), errors()];
}
