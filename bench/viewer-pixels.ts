/**
 * Reading back sigma's WebGL layers in the viewer page, for bench/viewer.ts and test/viewer/big.test.ts
 * (one loop, here). `PAINTED_SCRIPT` is page code: give it to Playwright's `page.addInitScript` and the page
 * has `window.__zhkgPainted` (a string, so that no transform of this file's TypeScript reaches the page).
 *
 * `__zhkgPainted(contexts, whole)` reads each WebGL context's drawing buffer (`whole`) or its first pixel,
 * and returns per context how many of the pixels read are painted (alpha not 0). A read waits until the GL
 * process has drawn what the page sent: the bench reads one pixel for that wait alone, the test the whole
 * buffer to count what is drawn.
 */

/** `window.__zhkgPainted` (see above); contexts in the order given. */
export type Painted = (contexts: Record<string, WebGLRenderingContext | WebGL2RenderingContext>, whole: boolean) => number[];

export interface PaintedWindow {
  __zhkgPainted: Painted;
}

export const PAINTED_SCRIPT = `window.__zhkgPainted = function (contexts, whole) {
  var counts = [];
  for (var name in contexts) {
    var gl = contexts[name];
    var w = whole ? gl.drawingBufferWidth : 1;
    var h = whole ? gl.drawingBufferHeight : 1;
    var px = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    var n = 0;
    for (var i = 3; i < px.length; i += 4) if (px[i] !== 0) n++;
    counts.push(n);
  }
  return counts;
};`;
