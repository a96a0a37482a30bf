/** Shared checks for the export tests: schema validation (xmllint-wasm) and networkx (python3). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/**
 * One python3 per test process that has imported networkx, running each script it is sent (importing
 * networkx costs a cold python3 0.8 s of CPU and seconds of wall on a busy machine; the suite ran ten of
 * them). Each script runs as `python3 -c` would run it: in a fresh `__main__` namespace, standard input,
 * output and error its own, the warning filters as they were at start, the exit status of `sys.exit` or 1
 * with the traceback on stderr.
 */
const SERVER = `
import io, sys, traceback, warnings
import networkx
stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
stdout.write(b"ready\\n")
stdout.flush()
while True:
    head = stdin.readline()
    if not head:
        break
    n_script, n_input = map(int, head.split())
    script = stdin.read(n_script).decode("utf-8")
    data = stdin.read(n_input)
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    status = 0
    try:
        with warnings.catch_warnings():
            exec(compile(script, "<string>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    o, e = out.getvalue(), err.getvalue()
    stdout.write(("%d %d %d\\n" % (status, len(o), len(e))).encode())
    stdout.write(o)
    stdout.write(e)
    stdout.flush()
`;

interface PythonResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** How long one script may run (as the one-interpreter-per-call helper's spawnSync timeout was). */
const SCRIPT_TIMEOUT_MS = 60_000;

class PythonServer {
  private buffered = Buffer.alloc(0);
  /** The script running, if any. */
  private waiting: { done: (r: PythonResult) => void; fail: (e: Error) => void } | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set as soon as the interpreter is known to be gone or going (killed, exited, its standard input broken). */
  private ended = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, d]);
      this.deliver();
    });
    child.on('exit', (code, signal) => this.end(new Error(`python3 exited (${code ?? signal}) while running a script`)));
    // A write to an interpreter that is gone (EPIPE): the exit, or the timer, tells the script that runs.
    child.stdin.on('error', () => {
      this.ended = true;
    });
  }

  /** A server on the first interpreter that imports networkx: $PYTHON, `python3` on PATH (pyenv here), or /usr/bin/python3. */
  static async start(): Promise<PythonServer> {
    const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((x): x is string => !!x);
    const failures: string[] = [];
    for (const python of candidates) {
      const child = spawn(python, ['-c', SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const ready = await new Promise<boolean>((done) => {
        let head = '';
        const onData = (d: Buffer) => {
          head += d.toString('latin1');
          if (head.includes('\n')) {
            child.stdout.off('data', onData);
            done(head === 'ready\n');
          }
        };
        child.stdout.on('data', onData);
        child.on('error', () => done(false));
        child.on('exit', () => done(false));
      });
      if (ready) {
        const server = new PythonServer(child);
        server.hold(false);
        return server;
      }
      child.kill();
      failures.push(`${python}: ${stderr.trim().split('\n').at(-1) ?? 'did not start'}`);
    }
    throw new Error(`no python3 with networkx (${failures.join('; ')})`);
  }

  /**
   * Whether the server keeps this process alive: while a script runs, yes; idle, no (it ends when this process
   * does, its standard input closing).
   */
  hold(on: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout, this.child.stderr] as unknown as { ref(): void; unref(): void }[]) {
      if (on) handle.ref();
      else handle.unref();
    }
  }

  /** Whether the interpreter can run another script (false from the moment one over its time is killed). */
  get alive(): boolean {
    return !this.ended && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Runs one script with `input` on its standard input (one at a time: see `runPython`). A script still running
   * after SCRIPT_TIMEOUT_MS fails, and the interpreter is killed.
   */
  run(script: string, input: string): Promise<PythonResult> {
    return new Promise<PythonResult>((done, fail) => {
      if (!this.alive) return fail(new Error('python3 is gone'));
      this.waiting = { done, fail };
      this.hold(true);
      const code = Buffer.from(script, 'utf8');
      const data = Buffer.from(input, 'utf8');
      this.timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        this.end(new Error(`a python3 script ran over ${SCRIPT_TIMEOUT_MS / 1000} s`));
      }, SCRIPT_TIMEOUT_MS).unref();
      this.child.stdin.write(`${code.length} ${data.length}\n`);
      this.child.stdin.write(code);
      this.child.stdin.write(data);
    });
  }

  /** The interpreter is gone or going: the running script, if any, fails with `error`. */
  private end(error: Error): void {
    this.ended = true;
    clearTimeout(this.timer);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.fail(error);
  }

  private deliver(): void {
    const eol = this.buffered.indexOf(0x0a);
    if (eol < 0 || !this.waiting) return;
    const [status, out, err] = this.buffered.subarray(0, eol).toString('latin1').split(' ').map(Number) as [number, number, number];
    if (this.buffered.length < eol + 1 + out + err) return;
    const body = this.buffered.subarray(eol + 1);
    const result = { status, stdout: body.subarray(0, out).toString('utf8'), stderr: body.subarray(out, out + err).toString('utf8') };
    this.buffered = Buffer.from(body.subarray(out + err));
    const { done } = this.waiting;
    this.waiting = undefined;
    clearTimeout(this.timer);
    this.hold(false);
    done(result);
  }
}

let server: Promise<PythonServer> | undefined;
/** Scripts run one after the other: each starts once the one before has settled, on a live interpreter. */
let queue: Promise<unknown> = Promise.resolve();

/** Runs an inline python3 script (with networkx importable) with `input` on stdin; returns its exit status, stdout and stderr. */
export function runPython(script: string, input: string): Promise<PythonResult> {
  const next = queue.then(async () => {
    // Asked only now, after the script before has settled: one killed for its time is not alive any more.
    if (!server || !(await server).alive) server = PythonServer.start();
    return (await server).run(script, input);
  });
  queue = next.catch(() => undefined);
  return next;
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
