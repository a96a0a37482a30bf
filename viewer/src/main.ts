/** Entry point of the bundled page: request the graph shipped beside index.html, start the app, then show the graph. */
import { App } from './app.js';
import { loadBundledGraph } from './load.js';
import { GRAPH_SIZE_META, parseGraphSize } from '../../src/viewer/page-size.js';

// graph.js is requested first: it loads while the app builds its controls
const t0 = performance.now();
performance.mark('zhkg:start');
const loading = loadBundledGraph();
const app = new App();
window.__zhkg = app;
// sigma's WebGL contexts and node programs are made while graph.js streams in (the main thread mostly waits for the GL
// process there), when the graph's size, written into the page beside it, says it will be drawn with them
app.prepareRenderer(parseGraphSize(document.querySelector<HTMLMetaElement>(`meta[name="${GRAPH_SIZE_META}"]`)?.content));
loading
  .then((g) => {
    const loaded = performance.now() - t0;
    performance.mark('zhkg:load+parse');
    if (!g) {
      app.showMessage(app.t('open.hint'));
      return;
    }
    app.setGraph(g.source, g.shards);
    app.timings = { 'load+parse': loaded, ...app.timings };
  })
  .catch((err: unknown) => app.showMessage(app.t('error.load', { reason: err instanceof Error ? err.message : String(err) })));
