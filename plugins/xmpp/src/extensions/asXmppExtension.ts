import { type SessionExtension, SwitchboardError } from '@switchboard/core';
import type { XmppExtension } from './XmppExtension';

function invalid(name: string | undefined, reason: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_EXTENSION_INVALID', message, {
    details: { ...(name === undefined ? {} : { extension: name }), reason },
  });
}

/**
 * `extension` as an {@link XmppExtension}; SB_EXTENSION_INVALID (`details.reason`) when it is
 * written for another protocol or lacks a name, an `attach` function or well-formed features.
 */
export function asXmppExtension(extension: SessionExtension): XmppExtension {
  const candidate = (extension ?? {}) as Partial<XmppExtension>;
  const { name, protocol, features } = candidate;
  if (typeof name !== 'string' || name === '') {
    throw invalid(undefined, 'shape', 'An XMPP extension needs a non-empty `name`.');
  }
  if (protocol !== 'xmpp') {
    throw invalid(
      name,
      'protocol',
      `The extension ${name} is written for ${String(protocol)}, not XMPP.`,
    );
  }
  if (typeof candidate.attach !== 'function') {
    throw invalid(name, 'shape', `The XMPP extension ${name} has no attach(context) function.`);
  }
  const featureList: readonly unknown[] = features ?? [];
  if (!Array.isArray(featureList) || featureList.some((f) => typeof f !== 'string' || f === '')) {
    throw invalid(
      name,
      'shape',
      `The features of the XMPP extension ${name} must be non-empty strings.`,
    );
  }
  return candidate as XmppExtension;
}
