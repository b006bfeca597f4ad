/** Where secrets come from: the environment, or the user at a terminal. */
export interface SecretSource {
  readonly env: NodeJS.ProcessEnv;
  /** Whether the user can be asked (stdin and stderr are terminals). */
  readonly interactive: boolean;
  /** Asks without echo; only called when `interactive`. */
  prompt(question: string): Promise<string>;
}
