import { type ErrorCode, ErrorCodes } from './codes';

const BRAND = Symbol.for('@switchboard/core/SwitchboardError');

/** Structured, secret-free facts attached to an error (conditions, names, traces). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** Options for {@link SwitchboardError}. */
export interface SwitchboardErrorOptions {
  /** The underlying error, if any. Never pass an object that holds a secret. */
  readonly cause?: unknown;
  /** Structured facts for programs (e.g. the XMPP condition). Must not contain secrets. */
  readonly details?: ErrorDetails;
}

/**
 * The one error class of Switchboard. `code` is stable and comes from {@link ErrorCodes};
 * the message says what happened and what to do next, and never contains a secret.
 */
export class SwitchboardError extends Error {
  /** Stable code from the catalogue. */
  readonly code: ErrorCode;
  /** Structured, secret-free details. */
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message?: string, options: SwitchboardErrorOptions = {}) {
    super(message ?? ErrorCodes[code], options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'SwitchboardError';
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * True for any SwitchboardError, also one created by another installed copy of this package.
   * With `code`, also checks the code.
   */
  static is(value: unknown, code?: ErrorCode): value is SwitchboardError {
    if (typeof value !== 'object' || value === null) return false;
    if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
    return code === undefined || (value as SwitchboardError).code === code;
  }

  /** The catalogue hint for this error's code. */
  get hint(): string {
    return ErrorCodes[this.code];
  }
}
