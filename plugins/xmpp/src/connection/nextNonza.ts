import { SwitchboardError } from '@switchboard/core';
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';

/**
 * Resolves with the next top-level element in namespace `xmlns`. Rejects with SB_TIMEOUT after
 * `timeoutMs`, with SB_CONNECTION_CLOSED if the connection drops, or with the entity's error.
 * Register it before sending the request it waits for.
 */
export function nextNonza(
  entity: Client,
  xmlns: string,
  timeoutMs: number,
  step: string,
): Promise<Element> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      entity.off('nonza', onNonza);
      entity.off('error', onError);
      entity.off('disconnect', onClose);
    };
    const onNonza = (element: Element): void => {
      if (element.getNS() !== xmlns) return;
      cleanup();
      resolve(element);
    };
    const onError = (error: unknown): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(
        new SwitchboardError(
          'SB_CONNECTION_CLOSED',
          `The server closed the connection during ${step}.`,
        ),
      );
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new SwitchboardError(
          'SB_TIMEOUT',
          `The server did not answer ${step} within ${timeoutMs} ms.`,
        ),
      );
    }, timeoutMs);
    entity.on('nonza', onNonza);
    entity.on('error', onError);
    entity.on('disconnect', onClose);
  });
}
