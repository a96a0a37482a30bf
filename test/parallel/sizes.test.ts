import { describe, expect, it } from 'vitest';
import { MAIN_SEGMENTS_UP_TO, extractionThreads } from '../../src/parallel/sizes.js';

describe('extractionThreads', () => {
  it('on 2 or 3 threads the main thread segments and the pool has one worker fewer', () => {
    expect(extractionThreads(2)).toEqual({ mainSegments: true, poolSize: 1 });
    expect(extractionThreads(3)).toEqual({ mainSegments: true, poolSize: 2 });
  });

  it('on more threads than one tagging thread can feed, every worker segments its own batches', () => {
    expect(extractionThreads(MAIN_SEGMENTS_UP_TO + 1)).toEqual({ mainSegments: false, poolSize: MAIN_SEGMENTS_UP_TO + 1 });
    expect(extractionThreads(16)).toEqual({ mainSegments: false, poolSize: 16 });
  });

  it('one thread: nothing to share', () => {
    expect(extractionThreads(1).mainSegments).toBe(false);
  });
});
