/**
 * Test hooks of the CLI, off unless their environment variables are set (test/hardening/kill.test.ts):
 * ZHKG_TEST_BOUNDARIES=FILE appends the name of every step boundary a build passes to FILE;
 * ZHKG_TEST_KILL_AT=NAME makes the build kill itself with SIGKILL at that boundary.
 */
import { appendFileSync } from 'node:fs';

export function boundaryHook(env: NodeJS.ProcessEnv = process.env): ((name: string) => void) | undefined {
  const at = env.ZHKG_TEST_KILL_AT;
  const log = env.ZHKG_TEST_BOUNDARIES;
  if (!at && !log) return undefined;
  return (name) => {
    if (log) appendFileSync(log, `${name}\n`);
    if (name === at) process.kill(process.pid, 'SIGKILL');
  };
}
