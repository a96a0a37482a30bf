/** Errors the CLI maps to exit codes: UsageError → 2, anything else → 1. Library errors live in src/errors.ts. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function errorLine(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? String(err);
  return String(err).split('\n')[0] ?? 'unknown error';
}
