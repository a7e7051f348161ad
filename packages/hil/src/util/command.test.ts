import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCommand } from './command.js';

it('keeps the output in a log and kills the process group on timeout', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hil-cmd-'));
  const logFile = join(dir, 'x.log');
  const r = await runCommand('sh', ['-c', 'echo started; sleep 30 & sleep 30'], { timeoutMs: 300, logFile });
  expect(r).toMatchObject({ timedOut: true, code: null });
  expect(r.durationMs).toBeLessThan(5_000);
  expect(r.output).toContain('started\n');
  const log = await readFile(logFile, 'utf8');
  expect(log).toMatch(/^\$ sh -c echo started.*\nstarted\n\n?\[hil\] killed after 300 ms\n\[hil\] exit SIGKILL\n$/s);
});

it('reports a command that cannot start', async () => {
  const r = await runCommand('/nonexistent/pio', [], { timeoutMs: 1000 });
  expect(r.code).toBeNull();
  expect(r.output).toMatch(/cannot start \/nonexistent\/pio: .*ENOENT/);
});
