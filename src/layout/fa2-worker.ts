/** The worker of ./fa2-threads.ts: sums the repulsion of the nodes it takes, each generation, until stopped. */
import { workerData } from 'node:worker_threads';
import { serveRepulsion, type RepulsionWorkerData } from './fa2-threads.js';
import { repulseNodes } from './fa2-iterate.js';

serveRepulsion(workerData as RepulsionWorkerData, repulseNodes);
