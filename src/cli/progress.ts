/**
 * Progress on stderr: a cli-progress bar when stderr is a terminal (shown once the build has run for
 * `delayMs`, so quick builds do not flash a bar), one line per stage otherwise, and nothing with --quiet.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(options: { quiet: boolean; stream?: NodeJS.WriteStream; delayMs?: number }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update() {}, stop() {} };
  if (!stream.isTTY) {
    let last = '';
    return {
      update(stage) {
        if (stage !== last) {
          stream.write(`zhkg: ${stage}…\n`);
          last = stage;
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: 'zhkg {stage} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = '';
  const since = Date.now();
  const delay = options.delayMs ?? 1000;
  return {
    update(stage, done, total) {
      if (!started && Date.now() - since < delay) return;
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      }
      if (stage !== current) {
        bar.setTotal(Math.max(1, total));
        current = stage;
      }
      bar.update(done, { stage });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
