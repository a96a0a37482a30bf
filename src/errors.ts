/**
 * Errors the library throws. The CLI (src/cli/) maps them to exit codes and one-line messages; nothing
 * below the CLI imports from src/cli/.
 */

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

/** An output folder or file that cannot be written (not a folder, no permission, a folder in a file's place). */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}
