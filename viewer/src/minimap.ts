/**
 * Minimap for graphs above a few hundred nodes: every node shown as a dot on a small canvas, the camera's
 * viewport as a rectangle; a click or drag on the map moves the camera there. The dots are drawn once per
 * change of what is shown or where nodes are; camera moves only redraw the rectangle.
 */
export const MINIMAP_MIN_NODES = 300;

export interface MinimapSource {
  /** Graph-space positions and colours of the nodes shown. */
  points(): { x: number; y: number; color: string }[];
  /** The viewport's corners in graph space. */
  viewport(): { x0: number; y0: number; x1: number; y1: number };
  /** Centre the camera on a graph-space point. */
  moveTo(x: number, y: number): void;
}

export class Minimap {
  private dots: HTMLCanvasElement = document.createElement('canvas');
  private box = { minX: 0, minY: 0, scale: 1, offX: 0, offY: 0 };
  private frame = 0;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly src: MinimapSource,
  ) {
    const go = (ev: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      const p = this.toGraph(((ev.clientX - r.left) / r.width) * canvas.width, ((ev.clientY - r.top) / r.height) * canvas.height);
      src.moveTo(p.x, p.y);
    };
    let dragging = false;
    canvas.addEventListener('pointerdown', (ev) => {
      dragging = true;
      canvas.setPointerCapture?.(ev.pointerId);
      go(ev);
    });
    canvas.addEventListener('pointermove', (ev) => dragging && go(ev));
    canvas.addEventListener('pointerup', () => (dragging = false));
    canvas.addEventListener('pointercancel', () => (dragging = false));
  }

  private toCanvas(x: number, y: number): [number, number] {
    const b = this.box;
    return [b.offX + (x - b.minX) * b.scale, this.canvas.height - (b.offY + (y - b.minY) * b.scale)];
  }

  private toGraph(cx: number, cy: number): { x: number; y: number } {
    const b = this.box;
    return { x: (cx - b.offX) / b.scale + b.minX, y: (this.canvas.height - cy - b.offY) / b.scale + b.minY };
  }

  /** Redraws the dots (what is shown or positions changed), then the rectangle. */
  redraw(): void {
    const { width, height } = this.canvas;
    const pts = this.src.points();
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const p of pts) {
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    }
    if (pts.length === 0) minX = minY = maxX = maxY = 0;
    const pad = 6;
    const scale = Math.min((width - 2 * pad) / Math.max(maxX - minX, 1e-9), (height - 2 * pad) / Math.max(maxY - minY, 1e-9));
    this.box = { minX, minY, scale, offX: (width - (maxX - minX) * scale) / 2, offY: (height - (maxY - minY) * scale) / 2 };
    this.dots.width = width;
    this.dots.height = height;
    const ctx = this.dots.getContext('2d')!;
    ctx.clearRect(0, 0, width, height);
    for (const p of pts) {
      const [cx, cy] = this.toCanvas(p.x, p.y);
      ctx.fillStyle = p.color;
      ctx.fillRect(cx - 1, cy - 1, 2, 2);
    }
    this.drawViewport();
  }

  /** What is shown changed: the dots and the rectangle, in the next frame (once per frame). */
  scheduleRedraw(): void {
    if (this.dotsFrame) return;
    this.dotsFrame = requestAnimationFrame(() => {
      this.dotsFrame = 0;
      this.redraw();
    });
  }
  private dotsFrame = 0;

  /** Camera moved: the rectangle only (once per frame). */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawViewport();
    });
  }

  private drawViewport(): void {
    const ctx = this.canvas.getContext('2d')!;
    const { width, height } = this.canvas;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(this.dots, 0, 0);
    const v = this.src.viewport();
    const [ax, ay] = this.toCanvas(v.x0, v.y0);
    const [bx, by] = this.toCanvas(v.x1, v.y1);
    const x = Math.max(0, Math.min(ax, bx));
    const y = Math.max(0, Math.min(ay, by));
    const w = Math.min(width, Math.max(ax, bx)) - x;
    const h = Math.min(height, Math.max(ay, by)) - y;
    ctx.fillStyle = 'rgba(47,93,154,.12)';
    ctx.strokeStyle = '#2f5d9a';
    ctx.lineWidth = 1.5;
    if (w > 0 && h > 0) {
      ctx.fillRect(x, y, w, h);
      ctx.strokeRect(x + 0.5, y + 0.5, Math.max(w - 1, 1), Math.max(h - 1, 1));
    }
    this.canvas.dataset.viewport = [x, y, w, h].map((n) => Math.round(n)).join(',');
  }
}
