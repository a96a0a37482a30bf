/**
 * Writes the graph of `graphPath` (graphology JSON) into each of `outs`, in turn, with the compiled
 * writeOutputs of `dist`, under the CLI's test hooks read from `env` (default process.env).
 */
export function writeGraph(dist: string, graphPath: string, viewer: 'viewer' | 'no-viewer', outs: string[], env?: NodeJS.ProcessEnv): Promise<void>;
