/**
 * Errors the library throws. The CLI (src/cli/) maps them to exit codes and one-line messages; nothing
 * below the CLI imports from src/cli/.
 */

/** An error reported as one line, prefixed with where it happened (a file, a folder). */
export class LocatedError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

/** An error about the user's input (file, encoding, graph), reported as one line with its location. */
export class InputError extends LocatedError {
  override name = 'InputError';
}

/** An output folder or file that cannot be written (not a folder, no permission, a folder in a file's place). */
export class OutputError extends LocatedError {
  override name = 'OutputError';
}

/** A store (`--store`) that cannot be used: not a zhkg store, damaged, written by a newer zhkg, unreadable. */
export class StoreError extends LocatedError {
  override name = 'StoreError';
}
