/**
 * Runs the echo host with the accounts in a JSON file: `pnpm start accounts.json`.
 * Ctrl-C stops it gracefully.
 */
import { readFile } from 'node:fs/promises';
import { startEchoHost } from './echoHost';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: main.ts <accounts.json>  (a JSON array of account configs)');
  process.exit(2);
}
const accounts: unknown = JSON.parse(await readFile(file, 'utf8'));
const host = await startEchoHost({ accounts: Array.isArray(accounts) ? accounts : [accounts] });
process.once('SIGINT', () => {
  void host.stop().then(() => process.exit(0));
});
