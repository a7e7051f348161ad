#!/usr/bin/env node
// The proof that the port layer is portable and identical on every target.
//
//   node port/scripts/cross-target.mjs [--n N] [--n-pow N] [--n-number N]
//                                      [--only id,id...] [--no-run]
//
// (a) Compiles every port/src/*.c with each toolchain (-std=c99 -Wall -Wextra
//     -Werror -ffp-contract=off) and checks what the objects need from
//     outside: only memcpy, memmove, memset, memcmp, strlen, each other, the
//     compiler's own runtime (soft-float and 64-bit helpers, "__*") and the
//     linker's _GLOBAL_OFFSET_TABLE_ (gcc reaches the allocator's per-thread
//     spill hook through it on hosted targets).
// (b) Builds port/test/xtarget/digest.c against those same objects for each
//     target and runs it: natively (gcc, clang), as wasm32 in this Node
//     process, on Cortex-M3 and Cortex-M4F under qemu-system-arm (mps2-an385,
//     mps2-an386, semihosting) and on RV32IMAC under qemu-system-riscv32
//     (virt, -bios none). Every digest must be identical.
// Prints a table of target x (compiled, digest) and exits 1 on any compile
// failure, warning, unexpected external symbol, run failure or difference.
// Build products go to port/build/xtarget/.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const portDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(portDir, 'src');
const includeDir = join(portDir, 'include');
const xtDir = join(portDir, 'test', 'xtarget');
const buildRoot = join(portDir, 'build', 'xtarget');

// ---- options ---------------------------------------------------------------------
const args = process.argv.slice(2);
function option(name) {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
}
const N = option('--n') ?? '200000';
const N_POW = option('--n-pow') ?? N;
const N_NUMBER = option('--n-number') ?? N;
const only = option('--only')?.split(',');
const noRun = args.includes('--no-run');
for (const v of [N, N_POW, N_NUMBER]) if (!/^\d+$/.test(v)) throw new Error(`bad count ${v}`);

const COMMON = ['-std=c99', '-Wall', '-Wextra', '-Werror', '-ffp-contract=off', '-I', includeDir];
const ALLOWED_EXTERNALS = new Set(['memcpy', 'memmove', 'memset', 'memcmp', 'strlen', '_GLOBAL_OFFSET_TABLE_']);

const qemuArm = (machine, cpu) => (elf) => [
  'qemu-system-arm', '-M', machine, '-cpu', cpu, '-display', 'none', '-serial', 'none', '-monitor', 'none',
  '-chardev', 'stdio,id=semihost', '-semihosting-config', 'enable=on,target=native,chardev=semihost',
  '-kernel', elf,
];
const armLink = ['-T', join(xtDir, 'mps2.ld'), '-nostartfiles', '-Wl,--gc-sections'];

const targets = [
  {
    id: 'gcc',
    name: 'x86-64, gcc -O2',
    cc: 'gcc', flags: ['-O2'], nm: 'nm', size: 'size',
    platform: [join(xtDir, 'host_main.c')],
    link: [], out: 'digest', run: (exe) => [exe],
  },
  {
    id: 'clang',
    name: 'x86-64, clang-19 -O2',
    cc: 'clang-19', flags: ['-O2'], nm: 'llvm-nm-19', size: 'llvm-size-19',
    platform: [join(xtDir, 'host_main.c')],
    link: [], out: 'digest', run: (exe) => [exe],
  },
  {
    id: 'wasm32',
    name: 'wasm32, clang-19 -O2 freestanding (Node)',
    cc: 'clang-19',
    flags: ['--target=wasm32', '-nostdlib', '-ffreestanding', '-O2', '-I', join(xtDir, 'include')],
    nm: 'llvm-nm-19', size: 'llvm-size-19',
    platform: [join(xtDir, 'wasm_main.c'), { file: join(xtDir, 'libc_min.c'), extra: ['-fno-builtin'] }],
    link: ['-Wl,--no-entry'], out: 'digest.wasm', run: 'wasm',
  },
  {
    id: 'cortex-m3',
    name: 'Cortex-M3, arm-none-eabi-gcc -O2 (qemu mps2-an385)',
    cc: 'arm-none-eabi-gcc', flags: ['-mcpu=cortex-m3', '-mthumb', '-O2'],
    nm: 'arm-none-eabi-nm', size: 'arm-none-eabi-size',
    platform: [join(xtDir, 'arm_startup.c')],
    link: armLink, out: 'digest.elf', run: qemuArm('mps2-an385', 'cortex-m3'),
  },
  {
    id: 'cortex-m4f',
    name: 'Cortex-M4F hard-float, arm-none-eabi-gcc -O2 (qemu mps2-an386)',
    cc: 'arm-none-eabi-gcc',
    flags: ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', '-O2'],
    nm: 'arm-none-eabi-nm', size: 'arm-none-eabi-size',
    platform: [join(xtDir, 'arm_startup.c')],
    link: armLink, out: 'digest.elf', run: qemuArm('mps2-an386', 'cortex-m4'),
  },
  {
    id: 'rv32imac',
    name: 'RV32IMAC, riscv64-unknown-elf-gcc -O2 (qemu virt)',
    cc: 'riscv64-unknown-elf-gcc',
    // picolibc supplies the C headers (and memcpy & co. at link time).
    flags: ['-march=rv32imac', '-mabi=ilp32', '-O2', '--specs=picolibc.specs'],
    nm: 'riscv64-unknown-elf-nm', size: 'riscv64-unknown-elf-size',
    platform: [join(xtDir, 'riscv_main.c'), join(xtDir, 'riscv_startup.S')],
    link: ['-T', join(xtDir, 'riscv_virt.ld'), '-nostartfiles', '-Wl,--no-relax', '-Wl,--no-warn-rwx-segments'],
    out: 'digest.elf',
    run: (elf) => [
      'qemu-system-riscv32', '-M', 'virt', '-bios', 'none', '-display', 'none', '-serial', 'stdio',
      '-monitor', 'none', '-kernel', elf,
    ],
  },
].filter((t) => !only || only.includes(t.id));

const portSources = readdirSync(srcDir).filter((f) => f.endsWith('.c')).sort();
const have = (f) => portSources.includes(f);
const digestDefines = [
  `-DXT_N=${N}`, `-DXT_N_POW=${N_POW}`, `-DXT_N_NUMBER=${N_NUMBER}`,
  ...(have('mvp_number.c') ? ['-DXT_HAVE_NUMBER'] : []),
  ...(have('mvp_alloc.c') ? ['-DXT_HAVE_ALLOC'] : []),
];

function sh(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  if (r.error) return { ok: false, out: '', err: String(r.error.message), status: -1 };
  return { ok: r.status === 0, out: r.stdout ?? '', err: r.stderr ?? '', status: r.status };
}

// ---- (a) compile the port layer ------------------------------------------------------
console.log(`port sources: ${portSources.join(', ')}`);
const results = [];
for (const t of targets) {
  const dir = join(buildRoot, t.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = { t, compiled: [], failed: [], messages: [], objects: [], externals: [], bytes: 0 };
  results.push(r);
  const version = sh(t.cc, ['--version']);
  if (!version.ok) {
    r.failed.push('(toolchain missing)');
    r.messages.push(`${t.cc}: ${version.err.trim()}`);
    continue;
  }
  for (const f of portSources) {
    const obj = join(dir, f.replace(/\.c$/, '.o'));
    const c = sh(t.cc, [...COMMON, ...t.flags, '-c', join(srcDir, f), '-o', obj]);
    if (c.ok && !c.err.trim()) {
      r.compiled.push(f);
      r.objects.push(obj);
    } else {
      r.failed.push(f);
      r.messages.push(`${t.cc} ${f}:\n${(c.err || c.out).trim()}`);
    }
  }
  // What do the objects need from outside?
  const defined = new Set();
  const undefinedSyms = new Set();
  for (const obj of r.objects) {
    const d = sh(t.nm, ['--defined-only', '-g', obj]);
    for (const line of d.out.split('\n')) {
      const name = line.trim().split(/\s+/).pop();
      if (name) defined.add(name);
    }
    const u = sh(t.nm, ['-u', obj]);
    for (const line of u.out.split('\n')) {
      const name = line.trim().split(/\s+/).pop();
      if (name && name !== 'U') undefinedSyms.add(name);
    }
  }
  r.externals = [...undefinedSyms].filter((s) => !defined.has(s)).sort();
  r.unexpected = r.externals.filter((s) => !ALLOWED_EXTERNALS.has(s) && !s.startsWith('__'));
  // Code size of the port layer (text + data).
  if (r.objects.length) {
    const s = sh(t.size, r.objects);
    for (const line of s.out.split('\n').slice(1)) {
      const [text, data] = line.trim().split(/\s+/).map(Number);
      if (Number.isFinite(text)) r.bytes += text + (Number.isFinite(data) ? data : 0);
    }
  }
}

// ---- (b) build and run the digest -----------------------------------------------------
async function runWasm(file) {
  const bytes = readFileSync(file);
  let text = '';
  let memory;
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      xt_write: (ptr, len) => {
        text += Buffer.from(memory.buffer, ptr, len).toString('latin1');
      },
    },
  });
  memory = instance.exports.memory;
  const rc = instance.exports.run();
  return { status: rc, out: text, err: '' };
}

function runProcess(argv, timeoutMs) {
  return new Promise((resolve) => {
    const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c) => (out += c.toString('latin1')));
    p.stderr.on('data', (c) => (err += c.toString('latin1')));
    const timer = setTimeout(() => {
      err += `\n(timed out after ${timeoutMs / 1000} s)`;
      p.kill('SIGKILL');
    }, timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: -1, out, err: err + String(e.message) });
    });
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code, out, err });
    });
  });
}

if (!noRun) {
  for (const r of results) {
    const { t } = r;
    if (r.failed.length) {
      r.runError = 'port layer did not compile';
      continue;
    }
    const dir = join(buildRoot, t.id);
    const objs = [...r.objects];
    for (const p of [join(xtDir, 'digest.c'), ...t.platform]) {
      const file = typeof p === 'string' ? p : p.file;
      const extra = typeof p === 'string' ? [] : p.extra;
      const obj = join(dir, `xt_${basename(file).replace(/\.[cS]$/, '')}.o`);
      const c = sh(t.cc, [...COMMON, ...t.flags, ...digestDefines, ...extra, '-c', file, '-o', obj]);
      if (!c.ok || c.err.trim()) {
        r.runError = `digest build failed: ${basename(file)}`;
        r.messages.push(`${t.cc} ${basename(file)}:\n${(c.err || c.out).trim()}`);
      }
      objs.push(obj);
    }
    if (r.runError) continue;
    const out = join(dir, t.out);
    const l = sh(t.cc, [...t.flags, ...objs, ...t.link, '-o', out]);
    if (!l.ok || l.err.trim()) {
      r.runError = 'link failed';
      r.messages.push(`link:\n${(l.err || l.out).trim()}`);
      continue;
    }
    const t0 = Date.now();
    process.stdout.write(`running ${t.id}... `);
    const res = t.run === 'wasm' ? await runWasm(out) : await runProcess(t.run(out), 900_000);
    r.seconds = (Date.now() - t0) / 1000;
    console.log(`${r.seconds.toFixed(1)} s`);
    r.output = res.out.replace(/\r\n/g, '\n');
    const m = r.output.match(/^digest (\d+) ([0-9a-f]{16})$/m);
    if (res.status !== 0 || !m) {
      r.runError = `run failed (status ${res.status})`;
      r.messages.push(`run:\n${(res.out + res.err).trim().slice(-2000)}`);
      continue;
    }
    r.digest = m[2];
    r.calls = m[1];
  }
}

// ---- report --------------------------------------------------------------------------
let failed = false;
const ref = results.find((r) => r.output && r.digest);
const rows = results.map((r) => {
  const compiled = r.failed.length
    ? `FAILED ${r.failed.join(' ')}`
    : `${r.compiled.length}/${portSources.length} ok`;
  const ext = r.unexpected?.length ? `UNEXPECTED ${r.unexpected.join(' ')}` : `ok`;
  let digest;
  if (noRun) digest = '(not run)';
  else if (r.runError) digest = r.runError;
  else digest = `${r.digest}${ref && r.output === ref.output ? '' : '  DIFFERENT'}`;
  if (r.failed.length || r.unexpected?.length || (!noRun && (r.runError || !ref || r.output !== ref.output))) failed = true;
  return [r.t.id, r.t.name, compiled, ext, String(r.bytes), digest, r.seconds === undefined ? '' : `${r.seconds.toFixed(1)} s`];
});
const head = ['target', 'toolchain / runner', 'port/src/*.c', 'externals', 'port bytes', 'digest', 'time'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ').trimEnd();
console.log();
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));
console.log();
for (const r of results) {
  const ext = r.externals.filter((s) => !s.startsWith('__')).join(', ') || 'none';
  const rt = r.externals.filter((s) => s.startsWith('__')).length;
  console.log(`${r.t.id}: externals ${ext}; ${rt} compiler runtime helpers`);
}
for (const r of results) for (const m of r.messages) console.log(`\n[${r.t.id}] ${m}`);
if (ref) {
  console.log(`\ndigest output (${ref.t.id}):\n${ref.output.trimEnd()}`);
  for (const r of results) {
    if (!r.output || r.output === ref.output) continue;
    const a = ref.output.split('\n');
    const b = r.output.split('\n');
    console.log(`\n${r.t.id} differs:`);
    for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) console.log(`  ${ref.t.id}: ${a[i] ?? ''}\n  ${r.t.id}: ${b[i] ?? ''}`);
  }
}
const ran = results.filter((r) => r.digest).length;
console.log(
  failed
    ? `\ncross-target: FAILED`
    : noRun
      ? `\ncross-target: port layer compiled on ${results.length} targets (digests not run)`
      : `\ncross-target: ${ran} targets, all digests identical: ${ref.digest} (${ref.calls} calls, ` +
        `${portSources.length} port sources, N=${N}, pow ${N_POW}, number ${N_NUMBER})`,
);
process.exit(failed ? 1 : 0);
