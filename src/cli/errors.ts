/** Errors the CLI maps to exit codes: UsageError → 2, anything else → 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An error about the user's input (file, encoding, graph), reported as one line with its location. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

export function errorLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err).split('\n')[0] ?? 'unknown error';
}
