/**
 * Bundles the viewer page into `outDir` (default dist/viewer/); resolves to the files written. `minify`
 * (default true): false keeps names readable for profiles.
 */
export function buildViewer(outDir?: string, options?: { minify?: boolean }): Promise<string[]>;
