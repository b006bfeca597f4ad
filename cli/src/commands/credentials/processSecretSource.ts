import { promptSecret } from './promptSecret';
import type { SecretSource } from './SecretSource';

/** Secrets from this process: its environment, and the terminal when stdin and stderr are one. */
export function processSecretSource(): SecretSource {
  return {
    env: process.env,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    prompt: (question) => promptSecret(question),
  };
}
