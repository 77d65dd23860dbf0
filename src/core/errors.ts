/**
 * The error tree. Only `cli/main.ts` turns these into exit codes.
 * @module
 */

export const EXIT = {
  ok: 0,
  threshold: 1,
  usage: 2,
  provider: 3,
  interrupted: 4,
  internal: 70,
} as const;

export interface Issue {
  /** Where: a file:line, a field path, or both. */
  path: string;
  message: string;
}

export class AuditError extends Error {
  readonly code: string = 'EAUDIT';
  readonly exitCode: number = EXIT.internal;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** Bad flags, config or model spec. */
export class ConfigError extends AuditError {
  override readonly code = 'ECONFIG';
  override readonly exitCode = EXIT.usage;
}

/** A suite or input file failed validation; `issues` has every problem with its location. */
export class SuiteError extends AuditError {
  override readonly code = 'ESUITE';
  override readonly exitCode = EXIT.usage;
  constructor(
    readonly file: string,
    readonly issues: Issue[],
  ) {
    super(`${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), file: this.file, issues: this.issues };
  }
}

export type ProviderErrorKind = 'transport' | 'timeout' | 'http' | 'protocol' | 'auth' | 'aborted';

/** A failed model call. `retryable` tells the runner whether to try again. */
export class ProviderError extends AuditError {
  override readonly code = 'EPROVIDER';
  override readonly exitCode = EXIT.provider;
  readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** From a Retry-After header, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    opts: { kind: ProviderErrorKind; status?: number; retryable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.kind = opts.kind;
    this.status = opts.status;
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), kind: this.kind, status: this.status, retryable: this.retryable };
  }
}

export class StoreError extends AuditError {
  override readonly code = 'ESTORE';
  override readonly exitCode = EXIT.usage;
}

export class JudgeError extends AuditError {
  override readonly code = 'EJUDGE';
  override readonly exitCode = EXIT.internal;
}

/** The run was stopped (Ctrl-C); what finished is saved and `--resume` completes it. */
export class InterruptedError extends AuditError {
  override readonly code = 'EINTERRUPTED';
  override readonly exitCode = EXIT.interrupted;
  constructor(readonly runId: string) {
    super(`interrupted; finished answers are saved. Resume with: candor audit --resume ${runId}`);
  }
}

/** A gate threshold was exceeded (`candor gate`): exit code 1. */
export class ThresholdError extends AuditError {
  override readonly code = 'ETHRESHOLD';
  override readonly exitCode = EXIT.threshold;
}

export function isAuditError(e: unknown): e is AuditError {
  return e instanceof AuditError;
}
