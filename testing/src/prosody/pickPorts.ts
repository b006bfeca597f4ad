import { freePort } from '../net/freePort';
import type { ServicePort } from './launchProsody';

/** A free 127.0.0.1 port for each of Prosody's `services`, no two alike. */
export async function pickPorts(services: readonly string[]): Promise<ServicePort[]> {
  for (;;) {
    const ports = await Promise.all(services.map(() => freePort()));
    if (new Set(ports).size === ports.length) {
      return services.map((service, i) => ({ service, port: ports[i] ?? 0 }));
    }
  }
}
