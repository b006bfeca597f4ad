import type { Isupport } from '../wire/Isupport';

/**
 * What an IRC session announces as features: the capabilities the server acknowledged, `+typing`
 * when `message-tags` is on and `CLIENTTAGDENY` lets the tag through, and `MONITOR` when the
 * server offers it (ISUPPORT).
 */
export function sessionFeatures(
  caps: ReadonlyMap<string, string>,
  isupport: Isupport,
  monitor: boolean,
): readonly string[] {
  const deny = isupport.get('CLIENTTAGDENY') ?? '';
  const denied = deny.split(',');
  const typing =
    caps.has('message-tags') &&
    !denied.includes('typing') &&
    !(denied.includes('*') && !denied.includes('-typing'));
  return [...caps.keys(), ...(typing ? ['+typing'] : []), ...(monitor ? ['MONITOR'] : [])];
}
