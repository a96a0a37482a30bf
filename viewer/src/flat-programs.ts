/**
 * Sigma's WebGL programs drawn without instancing. Sigma 3 draws every node and edge as an instance of a
 * small mesh (drawArraysInstanced). Software GL (SwiftShader: Chromium without a GPU, headless test
 * machines, many virtual desktops) pays a fixed cost per instance — about 75 µs measured here, hidden
 * items included — so one frame of the 16 000-node / 47 000-edge bench graph took 4–9 s, and every task the
 * page queued behind a frame (an evidence shard's script, the panel drawn with it) waited that long.
 * The same programs with each instance's attributes written out once per vertex are one plain
 * drawArrays: the same shaders, the same pixels, a few MB more buffer, and a frame of that graph in
 * software GL a fraction of the time. A GPU does not care either way.
 *
 * `flattened(Program)` returns a subclass whose definition moves the constant (per-vertex) attributes into
 * the item's attributes and whose processVisibleItem copies the item's values to every vertex.
 */
import {
  createEdgeCompoundProgram,
  EdgeArrowHeadProgram,
  EdgeClampedProgram,
  EdgeRectangleProgram,
  getAttributesItemsCount,
  NodeCircleProgram,
  type EdgeProgramType,
  type NodeProgramType,
  type ProgramAttributeSpecification,
} from 'sigma/rendering';
import type { Attributes } from 'graphology-types';

interface Definition {
  VERTICES: number;
  ATTRIBUTES: ProgramAttributeSpecification[];
  CONSTANT_ATTRIBUTES?: ProgramAttributeSpecification[];
  CONSTANT_DATA?: number[][];
  VERTEX_SHADER_SOURCE?: string;
  UNIFORMS?: string[];
}

/** sigma's per-context program state (its getProgramInfo), with the buffers kept here (see bindProgram). */
interface ProgramInfo {
  gl: WebGLRenderingContext;
  buffer: WebGLBuffer;
  uniformLocations: Record<string, WebGLUniformLocation>;
  zhkgSlots?: BufferSlot[];
}

/** A GL buffer and the array (and how many writes of it) it holds. */
interface BufferSlot {
  buffer: WebGLBuffer;
  array: Float32Array | null;
  writes: number;
}

/** What flattened() relies on in sigma's Program (getDefinition, process/processVisibleItem writing at startIndex, array). */
interface ProgramLike {
  getDefinition(): Definition;
  process(id: number, offset: number, ...rest: unknown[]): void;
  processVisibleItem(index: number, startIndex: number, ...rest: unknown[]): void;
  reallocate(capacity: number): void;
  setUniforms(params: unknown, info: ProgramInfo): void;
  bindAttribute(attr: ProgramAttributeSpecification, info: ProgramInfo, offset: number): number;
  array: Float32Array;
  renderer: object;
  ATTRIBUTES: ProgramAttributeSpecification[];
}

/** The item's id (sigma's node/edge index, as given to process) in every vertex, for the visibility texture. */
const ITEM_ATTRIBUTE: ProgramAttributeSpecification = { name: 'a_zhkgItem', size: 1, type: 0x1406 /* FLOAT */ };
const UNIFORMS = ['u_zhkgMask', 'u_zhkgShown', 'u_zhkgRows'];
/** Texels per row of the visibility texture. */
export const VISIBILITY_WIDTH = 1024;
/** The texture unit it is bound to (sigma's own programs use none). */
const VISIBILITY_UNIT = 4;

/**
 * The vertex shader with the visibility test: sigma's main() runs, then a vertex of an item whose texel is 0
 * is moved outside the clip volume (z = 2), so its triangles are not drawn, nor picked.
 */
export function withVisibility(source: string): string {
  const main = /void\s+main\s*\(\s*(?:void)?\s*\)/u;
  if (!main.test(source)) throw new Error('withVisibility: no main() in the vertex shader');
  return `${source.replace(main, 'void zhkgMain()')}
attribute float a_zhkgItem;
uniform float u_zhkgMask;
uniform sampler2D u_zhkgShown;
uniform float u_zhkgRows;
void main() {
  zhkgMain();
  if (u_zhkgMask > 0.5) {
    vec2 at = vec2((mod(a_zhkgItem, ${VISIBILITY_WIDTH}.0) + 0.5) / ${VISIBILITY_WIDTH}.0, (floor(a_zhkgItem / ${VISIBILITY_WIDTH}.0) + 0.5) / u_zhkgRows);
    if (texture2D(u_zhkgShown, at).r < 0.5) gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
  }
}
`;
}

/**
 * Which items a renderer draws, when the page says so (visibility.ts sets it): a byte per item id (0: not
 * drawn), read by every program of that renderer through a texture. Null: every item sigma holds is drawn.
 */
export interface Visibility {
  version: number;
  texels: () => Uint8Array | null;
}
const visibilities = new WeakMap<object, Visibility>();
/** Per GL context: its texture and what it holds. */
const textures = new WeakMap<WebGLRenderingContext, { texture: WebGLTexture; of: Visibility | null; version: number; rows: number }>();
/** Writes of each program array so far (see bindProgram). */
const writesOf = new WeakMap<Float32Array, number>();

/** Sets (or with null, removes) the visibility of a renderer's items; call `touchVisibility` when it changes. */
export function setVisibility(renderer: object, texels: (() => Uint8Array | null) | null): void {
  if (texels === null) visibilities.delete(renderer);
  else visibilities.set(renderer, { version: (visibilities.get(renderer)?.version ?? 0) + 1, texels });
}

/** The renderer's visibility changed (or sigma renumbered its items): the texture is written again at the next draw. */
export function touchVisibility(renderer: object): void {
  const v = visibilities.get(renderer);
  if (v) v.version++;
}

function bindVisibility(renderer: object, info: ProgramInfo): void {
  const gl = info.gl;
  const at = info.uniformLocations;
  const v = visibilities.get(renderer);
  if (!at.u_zhkgMask) return;
  let t = textures.get(gl);
  if (v && (!t || t.of !== v || t.version !== v.version)) {
    const texels = v.texels();
    if (texels) {
      if (!t) {
        const texture = gl.createTexture();
        if (!texture) throw new Error('visibility: no texture');
        t = { texture, of: null, version: -1, rows: 0 };
        textures.set(gl, t);
      }
      const rows = Math.max(1, Math.ceil(texels.length / VISIBILITY_WIDTH));
      gl.activeTexture(gl.TEXTURE0 + VISIBILITY_UNIT);
      gl.bindTexture(gl.TEXTURE_2D, t.texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.LUMINANCE, VISIBILITY_WIDTH, rows, 0, gl.LUMINANCE, gl.UNSIGNED_BYTE, texels);
      gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
      gl.activeTexture(gl.TEXTURE0);
      t.rows = rows;
    }
    if (t) {
      t.of = texels ? v : null;
      t.version = v.version;
    }
  }
  const on = !!v && !!t && t.of === v;
  gl.uniform1f(at.u_zhkgMask, on ? 1 : 0);
  if (!on) return;
  gl.activeTexture(gl.TEXTURE0 + VISIBILITY_UNIT);
  gl.bindTexture(gl.TEXTURE_2D, t!.texture);
  gl.activeTexture(gl.TEXTURE0);
  gl.uniform1i(at.u_zhkgShown!, VISIBILITY_UNIT);
  gl.uniform1f(at.u_zhkgRows!, t!.rows);
}

/** A program class's definition (sigma's definitions read no instance state). */
function definitionOf(Program: unknown): Definition {
  return (Program as { prototype: ProgramLike }).prototype.getDefinition.call({});
}

/** Whether a program class of sigma's draws by instances (has constant attributes). */
export function isInstanced(Program: unknown): boolean {
  const def = definitionOf(Program);
  return 'CONSTANT_ATTRIBUTES' in def;
}

/** The same program drawn with one plain drawArrays (see above); a non-instanced program is returned as is. */
export function flattened<T>(Program: T): T {
  const Base = Program as unknown as new (...args: unknown[]) => ProgramLike;
  const def = definitionOf(Program);
  if (!def.CONSTANT_ATTRIBUTES || !def.CONSTANT_DATA) return Program;
  const item = getAttributesItemsCount(def.ATTRIBUTES);
  const constant = getAttributesItemsCount(def.CONSTANT_ATTRIBUTES);
  const data = def.CONSTANT_DATA;
  const vertices = def.VERTICES;
  const attributes = [...def.ATTRIBUTES, ...def.CONSTANT_ATTRIBUTES, ITEM_ATTRIBUTE];
  const stride = item + constant + 1;
  class Flat extends Base {
    /** the id of the item being processed (sigma passes it to process, and only its colour on) */
    private zhkgId = 0;
    /** the array written to since the last count was filed, and its count of writes */
    private zhkgArray: Float32Array | null = null;
    private zhkgWrites = 0;

    override getDefinition(): Definition {
      const { CONSTANT_ATTRIBUTES: _a, CONSTANT_DATA: _d, ...rest } = super.getDefinition();
      const out: Definition = { ...rest, ATTRIBUTES: attributes };
      if (rest.VERTEX_SHADER_SOURCE !== undefined) out.VERTEX_SHADER_SOURCE = withVisibility(rest.VERTEX_SHADER_SOURCE);
      if (rest.UNIFORMS !== undefined) out.UNIFORMS = [...rest.UNIFORMS, ...UNIFORMS];
      return out;
    }

    /** Counts a write of the current array (sigma writes only through process, after reallocate). */
    private wrote(): void {
      if (this.zhkgArray !== this.array) {
        if (this.zhkgArray) writesOf.set(this.zhkgArray, this.zhkgWrites);
        this.zhkgArray = this.array;
        this.zhkgWrites = writesOf.get(this.array) ?? 0;
      }
      this.zhkgWrites++;
    }

    override process(id: number, offset: number, ...rest: unknown[]): void {
      this.zhkgId = id;
      this.wrote();
      super.process(id, offset, ...rest);
    }

    override reallocate(capacity: number): void {
      super.reallocate(capacity);
      this.wrote();
    }

    override processVisibleItem(index: number, startIndex: number, ...rest: unknown[]): void {
      // the item's values land where vertex 0's are; copy them to the other vertices, constants and the id after each
      super.processVisibleItem(index, startIndex, ...rest);
      const a = this.array;
      for (let v = 0; v < vertices; v++) {
        const at = startIndex + v * stride;
        if (v > 0) a.copyWithin(at, startIndex, startIndex + item);
        const c = data[v]!;
        for (let j = 0; j < constant; j++) a[at + item + j] = c[j]!;
        a[at + item + constant] = this.zhkgId;
      }
    }

    override setUniforms(params: unknown, info: ProgramInfo): void {
      super.setUniforms(params, info);
      bindVisibility(this.renderer, info);
    }

    /**
     * Sigma uploads a program's whole array on every frame (bufferData: 11 MB for the edges of the 16 000 /
     * 47 000 bench graph, even when only the camera moved). Here an array is uploaded only when it was written
     * since, into one of two GL buffers per context: the whole graph's arrays and a focus's (sigma-state.ts
     * swaps them) each keep theirs.
     */
    bindProgram(info: ProgramInfo): void {
      const gl = info.gl;
      if (this.zhkgArray === this.array) writesOf.set(this.array, this.zhkgWrites);
      const writes = writesOf.get(this.array) ?? 0;
      const slots = (info.zhkgSlots ??= [{ buffer: info.buffer, array: null, writes: -1 }]);
      let slot = slots.find((s) => s.array === this.array) ?? slots.find((s) => s.array === null);
      if (!slot) {
        if (slots.length < 2) {
          const buffer = gl.createBuffer();
          if (!buffer) throw new Error('flattened: no buffer');
          slots.push({ buffer, array: null, writes: -1 });
        }
        slot = slots[slots.length - 1]!;
      }
      // most recently used first
      slots.splice(slots.indexOf(slot), 1);
      slots.unshift(slot);
      gl.bindBuffer(gl.ARRAY_BUFFER, slot.buffer);
      if (slot.array !== this.array || slot.writes !== writes) {
        gl.bufferData(gl.ARRAY_BUFFER, this.array, gl.DYNAMIC_DRAW);
        slot.array = this.array;
        slot.writes = writes;
      }
      let offset = 0;
      for (const attr of this.ATTRIBUTES) offset += this.bindAttribute(attr, info, offset);
      gl.bindBuffer(gl.ARRAY_BUFFER, null);
    }
  }
  return Flat as unknown as T;
}

/** The node and edge programs the viewer uses, non-instanced (sigma's defaults: circle; line = rectangle, arrow = clamped + head). */
export function flatPrograms<N extends Attributes, E extends Attributes>(): {
  nodes: Record<string, NodeProgramType<N, E>>;
  edges: Record<string, EdgeProgramType<N, E>>;
} {
  return {
    nodes: { circle: flattened(NodeCircleProgram) },
    edges: {
      line: flattened(EdgeRectangleProgram),
      arrow: createEdgeCompoundProgram([flattened(EdgeClampedProgram), flattened(EdgeArrowHeadProgram)]) as unknown as EdgeProgramType<N, E>,
    },
  };
}
