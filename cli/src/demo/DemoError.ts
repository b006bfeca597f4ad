/**
 * A demo step that did not turn out as it should (a message that never arrived, a refusal that
 * did not happen). Errors from Switchboard itself stay `SwitchboardError`s with their code.
 */
export class DemoError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'DemoError';
  }
}

/** Thrown into the demo's steps once the user interrupted it (Ctrl-C). */
export class DemoInterrupted extends DemoError {
  constructor() {
    super('The demo was interrupted.');
    this.name = 'DemoInterrupted';
  }
}
