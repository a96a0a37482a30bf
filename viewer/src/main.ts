/** Entry point of the bundled page: start the app, then load the graph shipped beside index.html. */
import { App } from './app.js';
import { loadBundledGraph } from './load.js';

const app = new App();
window.__zhkg = app;
const t0 = performance.now();
loadBundledGraph()
  .then((g) => {
    const loaded = performance.now() - t0;
    if (!g) {
      app.showMessage(app.t('open.hint'));
      return;
    }
    app.setGraph(g.source, g.shards);
    app.timings = { 'load+parse': loaded, ...app.timings };
  })
  .catch((err: unknown) => app.showMessage(app.t('error.load', { reason: err instanceof Error ? err.message : String(err) })));
