/** Bundles the viewer page into `outDir` (default dist/viewer/); resolves to the files written. */
export function buildViewer(outDir?: string): Promise<string[]>;
