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
}

/** What flattened() relies on in sigma's Program (getDefinition, processVisibleItem writing at startIndex, array). */
interface ProgramLike {
  getDefinition(): Definition;
  processVisibleItem(index: number, startIndex: number, ...rest: unknown[]): void;
  array: Float32Array;
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
  const attributes = [...def.ATTRIBUTES, ...def.CONSTANT_ATTRIBUTES];
  class Flat extends Base {
    override getDefinition(): Definition {
      const { CONSTANT_ATTRIBUTES: _a, CONSTANT_DATA: _d, ...rest } = super.getDefinition();
      return { ...rest, ATTRIBUTES: attributes };
    }

    override processVisibleItem(index: number, startIndex: number, ...rest: unknown[]): void {
      // the item's values land where vertex 0's are; copy them to the other vertices, constants after each
      super.processVisibleItem(index, startIndex, ...rest);
      const a = this.array;
      for (let v = 0; v < vertices; v++) {
        const at = startIndex + v * (item + constant);
        if (v > 0) a.copyWithin(at, startIndex, startIndex + item);
        const c = data[v]!;
        for (let j = 0; j < constant; j++) a[at + item + j] = c[j]!;
      }
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
