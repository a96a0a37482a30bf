// Tests and scripts drive the viewer page through `window.__zhkg` (declared by viewer/src/app.ts).
import type {} from '../../viewer/src/app.js';
