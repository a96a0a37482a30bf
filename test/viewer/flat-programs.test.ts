/**
 * flattened(): sigma's instanced programs rewritten as plain ones (viewer/src/flat-programs.ts). The layout
 * it writes — each item's values copied to every vertex, the vertex's constants after them — checked on a
 * stand-in program, and the definitions of sigma's own programs (no constant attributes left).
 */
import { beforeAll, describe, expect, it } from 'vitest';

type Flat = typeof import('../../viewer/src/flat-programs.js');
let flat: Flat;
let rendering: typeof import('sigma/rendering');

beforeAll(async () => {
  // sigma's programs read WebGL's constants when their module loads; Node has no WebGL.
  const g = globalThis as Record<string, unknown>;
  const gl = { POINTS: 0, LINES: 1, TRIANGLES: 4, UNSIGNED_BYTE: 0x1401, FLOAT: 0x1406 };
  g.WebGLRenderingContext ??= gl;
  g.WebGL2RenderingContext ??= gl;
  flat = await import('../../viewer/src/flat-programs.js');
  rendering = await import('sigma/rendering');
});

const FLOAT = 0x1406;

/** Two item values (x, y), one constant per vertex, three vertices: as sigma's instanced programs are. */
class Stand {
  array = new Float32Array(0);
  getDefinition() {
    return {
      VERTICES: 3,
      ATTRIBUTES: [{ name: 'a_xy', size: 2, type: FLOAT }],
      CONSTANT_ATTRIBUTES: [{ name: 'a_k', size: 1, type: FLOAT }],
      CONSTANT_DATA: [[10], [20], [30]],
    };
  }
  processVisibleItem(i: number, start: number): void {
    this.array[start] = i;
    this.array[start + 1] = i + 0.5;
  }
}

describe('flattened', () => {
  it('copies an item to every vertex with that vertex constant, at the item stride', () => {
    const F = flat.flattened(Stand);
    const p = new F();
    expect(p.getDefinition()).toEqual({
      VERTICES: 3,
      ATTRIBUTES: [
        { name: 'a_xy', size: 2, type: FLOAT },
        { name: 'a_k', size: 1, type: FLOAT },
        // the item's id, for the visibility texture (0 until process() gives one)
        { name: 'a_zhkgItem', size: 1, type: FLOAT },
      ],
    });
    p.array = new Float32Array(2 * 12).fill(-1);
    p.processVisibleItem(4, 12);
    expect([...p.array]).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 4, 4.5, 10, 0, 4, 4.5, 20, 0, 4, 4.5, 30, 0]);
  });

  it('leaves no program of the viewer instanced', () => {
    const { nodes, edges } = flat.flatPrograms();
    expect(flat.isInstanced(rendering.NodeCircleProgram)).toBe(true);
    expect(flat.isInstanced(rendering.EdgeRectangleProgram)).toBe(true);
    expect(flat.isInstanced(nodes.circle)).toBe(false);
    expect(flat.isInstanced(edges.line)).toBe(false);
    // the arrow is a compound (clamped line + head): the browser test counts its draws
    expect(flat.isInstanced(flat.flattened(rendering.EdgeClampedProgram))).toBe(false);
    expect(flat.isInstanced(flat.flattened(rendering.EdgeArrowHeadProgram))).toBe(false);
    expect(flat.flattened(rendering.EdgeLineProgram)).toBe(rendering.EdgeLineProgram);
  });

  it("adds the visibility test after every program's own vertex shader", () => {
    const { nodes, edges } = flat.flatPrograms();
    const sources = [nodes.circle, edges.line].map((P) =>
      (P as unknown as { prototype: { getDefinition(): { VERTEX_SHADER_SOURCE: string; UNIFORMS: string[] } } }).prototype.getDefinition.call({}),
    );
    for (const def of sources) {
      expect(def.VERTEX_SHADER_SOURCE.match(/void main\(\)/g)).toHaveLength(1);
      expect(def.VERTEX_SHADER_SOURCE).toContain('void zhkgMain()');
      expect(def.VERTEX_SHADER_SOURCE.indexOf('zhkgMain();')).toBeGreaterThan(def.VERTEX_SHADER_SOURCE.indexOf('void main()'));
      expect(def.UNIFORMS).toEqual(expect.arrayContaining(['u_zhkgMask', 'u_zhkgShown', 'u_zhkgRows']));
    }
    expect(() => flat.withVisibility('void start() {}')).toThrow(/no main/);
  });
});
