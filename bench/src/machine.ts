/** What the benchmark ran on (for the report and the README). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { repoDir } from './paths.js';

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  tools: Record<string, string>;
  commit?: string;
  /** Files changed in the work tree when the run started (count), if git could say. */
  dirtyFiles?: number;
}

function firstLine(cmd: string, args: string[]): string {
  try {
    const r = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return r.trim().split('\n')[0]!.trim();
  } catch {
    return 'not installed';
  }
}

export function machineInfo(): MachineInfo {
  let os = process.platform;
  if (existsSync('/etc/os-release')) {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) os = m[1] as NodeJS.Platform;
  }
  const info: MachineInfo = {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os,
    kernel: firstLine('uname', ['-r']),
    node: process.version,
    tools: {
      gcc: firstLine('gcc', ['--version']),
      clang: firstLine(process.env.MVTK_CLANG ?? 'clang-19', ['--version']),
      valgrind: firstLine('valgrind', ['--version']),
      'qemu-system-arm': firstLine('qemu-system-arm', ['--version']),
      'qemu-system-riscv32': firstLine('qemu-system-riscv32', ['--version']),
    },
  };
  // Read-only git queries: which commit was measured, and whether the tree had changes.
  const commit = firstLine('git', ['-C', repoDir, 'rev-parse', '--short=12', 'HEAD']);
  if (/^[0-9a-f]{7,}$/.test(commit)) {
    info.commit = commit;
    try {
      const status = execFileSync('git', ['--no-optional-locks', '-C', repoDir, 'status', '--porcelain', '--untracked-files=no'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      info.dirtyFiles = status.split('\n').filter(Boolean).length;
    } catch {
      // not a git checkout
    }
  }
  return info;
}
