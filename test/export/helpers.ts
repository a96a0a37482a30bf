/** Shared checks for the export tests: schema validation (xmllint-wasm) and networkx (python3). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

const SCHEMA_DIR = fileURLToPath(new URL('../fixtures/gexf-schema/viz-namespace-fix/', import.meta.url));
const OFFICIAL_DIR = fileURLToPath(new URL('../fixtures/gexf-schema/', import.meta.url));
const schemaFile = (fileName: string, dir = SCHEMA_DIR) => ({ fileName, contents: readFileSync(dir + fileName, 'utf8') });

/**
 * Validates against the GEXF 1.3 XSD with the viz namespace repaired (see test/fixtures/gexf-schema/
 * SOURCE.md). gexf.xsd is the schema; dynamics.xsd and viz.xsd are preloaded under their own names so
 * its include/import resolve (passing all three as `schema` makes xmllint use the last one as root).
 */
export function validateGexf(xml: string): Promise<XMLValidationResult> {
  return validateXML({
    xml: { fileName: 'graph.gexf', contents: xml },
    schema: schemaFile('gexf.xsd'),
    preload: [schemaFile('dynamics.xsd'), schemaFile('viz.xsd')],
  });
}

/**
 * Validates against the untouched official XSD. That schema puts the viz elements in the main namespace
 * (a trang conversion defect, see SOURCE.md), so callers pass a copy whose viz namespace was rewritten.
 */
export function validateGexfOfficial(xml: string): Promise<XMLValidationResult> {
  return validateXML({
    xml: { fileName: 'graph.gexf', contents: xml },
    schema: schemaFile('gexf.xsd', OFFICIAL_DIR),
    preload: [schemaFile('dynamics.xsd', OFFICIAL_DIR), schemaFile('viz.xsd', OFFICIAL_DIR)],
  });
}

let python: string | undefined;

/**
 * The first interpreter that imports networkx: $PYTHON, `python3` on PATH (pyenv here), or Debian's
 * /usr/bin/python3 (where .ci/run installs python3-networkx when the first lacks it).
 */
export function pythonWithNetworkx(): string {
  if (python) return python;
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((x): x is string => !!x);
  python = candidates.find((c) => spawnSync(c, ['-c', 'import networkx'], { timeout: 30_000 }).status === 0) ?? 'python3';
  return python;
}

/** Runs an inline python3 script with `input` on stdin; returns its stdout, throws with stderr on failure. */
export function runPython(script: string, input: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(pythonWithNetworkx(), ['-c', script], { input, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Reads GEXF from stdin with networkx and prints a JSON summary: graph class, nodes with data, edges
 * with key and data. Lists (liststring) come back from networkx as raw strings.
 */
export const NETWORKX_SUMMARY = `
import io, json, sys
import networkx as nx
G = nx.read_gexf(io.BytesIO(sys.stdin.buffer.read()))
out = {"cls": type(G).__name__, "directed": G.is_directed(), "nodes": {}, "edges": []}
for n, d in G.nodes(data=True):
    out["nodes"][n] = d
# networkx returns a DiGraph (no keys) when the file has no parallel edges; the GEXF id is then in d["id"].
edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, d.get("id"), d) for u, v, d in G.edges(data=True))
for u, v, k, d in edges:
    out["edges"].append({"source": u, "target": v, "key": k, "data": d})
json.dump(out, sys.stdout, ensure_ascii=False)
`;
