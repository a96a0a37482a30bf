/** The viewer's Node side: copying the built page next to a graph, and serving it on 127.0.0.1. */
export { copyViewer, writeGraphScript, type CopyViewerOptions } from './copy.js';
export { serveViewer, mimeType, type ServeViewerOptions, type ViewerServer } from './server.js';
export { viewerAssetsDir } from './assets.js';
