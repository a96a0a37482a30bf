/** Entry point of the bundled page: start the app, then load the graph shipped beside index.html. */
import { App } from './app.js';
import { loadBundledGraph } from './load.js';

const app = new App();
window.__zhkg = app;
loadBundledGraph()
  .then((g) => {
    if (g) app.setGraph(g);
    else app.showMessage(app.t('open.hint'));
  })
  .catch((err: unknown) => app.showMessage(app.t('error.load', { reason: err instanceof Error ? err.message : String(err) })));
