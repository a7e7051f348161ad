/**
 * The `c-host` target: the engine with the port layer, built natively as a
 * plain C program (native/suite_host.c), one process per scenario. It is the
 * suite's reference engine host until the firmware agent's stdio build exists.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PlainValue, Step } from '../format.js';
import { TargetInfrastructureError, type RunResult, type Target } from '../target.js';

const run = promisify(execFile);

export interface CHostOptions {
  /** Path of the built `suite-host` binary (scripts/build-host.mjs). */
  binary: string;
  name?: string;
  timeoutMs?: number;
}

export function cHostTarget(options: CHostOptions): Target {
  const name = options.name ?? 'c-host';
  return {
    name,
    async run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
      const dir = mkdtempSync(join(tmpdir(), 'mvtk-suite-'));
      try {
        writeFileSync(join(dir, 'snapshot.mvm-bc'), snapshot);
        writeFileSync(join(dir, 'steps.txt'), encodeSteps(name, steps));
        let stdout: string;
        try {
          ({ stdout } = await run(options.binary, [join(dir, 'snapshot.mvm-bc'), join(dir, 'steps.txt'), dir], {
            encoding: 'utf8',
            timeout: options.timeoutMs ?? 30_000,
            maxBuffer: 64 * 1024 * 1024,
          }));
        } catch (error) {
          const e = error as { stderr?: string; code?: unknown; signal?: unknown; stdout?: string };
          throw new TargetInfrastructureError(
            name,
            `suite-host failed (exit ${String(e.code)}${e.signal ? `, ${String(e.signal)}` : ''}): ${(e.stderr ?? '').trim()}` +
              (e.stdout ? `\nits output so far:\n${e.stdout}` : ''),
            { cause: error },
          );
        }
        const transcript = stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
        const snapshots = readdirSync(dir)
          .filter((f) => /^snap-\d+\.bin$/.test(f))
          .sort((a, b) => Number(a.slice(5, -4)) - Number(b.slice(5, -4)))
          .map((f) => new Uint8Array(readFileSync(join(dir, f))));
        return { transcript, snapshots };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    async close() {},
  };
}

function encodeSteps(target: string, steps: readonly Step[]): string {
  const lines: string[] = [];
  for (const step of steps) {
    switch (step.kind) {
      case 'call':
        lines.push(`call ${step.exportId} ${step.args.length}`);
        for (const arg of step.args) lines.push(encodeArg(target, arg));
        break;
      case 'gas':
        lines.push(`gas ${step.limit}`);
        break;
      default:
        lines.push(step.kind);
    }
  }
  return `${lines.join('\n')}\n`;
}

function encodeArg(target: string, arg: PlainValue): string {
  if (arg === undefined) return 'u';
  if (arg === null) return 'z';
  if (arg === true) return 't';
  if (arg === false) return 'f';
  if (typeof arg === 'number') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, arg);
    return `n ${view.getBigUint64(0).toString(16).padStart(16, '0')}`;
  }
  if (typeof arg === 'string') return `s ${Buffer.from(arg, 'utf8').toString('hex')}`;
  if (Array.isArray(arg)) return [`a ${arg.length}`, ...arg.map((x) => encodeArg(target, x))].join('\n');
  if (typeof arg === 'object') {
    const entries = Object.entries(arg);
    return [`o ${entries.length}`, ...entries.flatMap(([k, v]) => [encodeArg(target, k), encodeArg(target, v)])].join('\n');
  }
  throw new TargetInfrastructureError(target, `cannot send ${typeof arg} arguments`);
}
