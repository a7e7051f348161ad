#!/usr/bin/env node
// Builds the agent: natively (firmware/agent/build/mva-host) and, through
// `pio run` with the offline dev-platform, every environment that builds
// without downloads. Prints flash/RAM per environment.
//
//   node scripts/build.mjs                 native + both PlatformIO projects
//   node scripts/build.mjs arm-cortex-m    one project (plus native)
//   node scripts/build.mjs --native        only the native agent
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineInfo, findPio, firmwareDir, offlinePioEnv, repoDir } from './pio-env.mjs';

/** Offline environments per project (the lab ones need PlatformIO's registry). */
export const offlineEnvs = {
  'arm-cortex-m': ['qemu_mps2_an385', 'qemu_mps2_an500', 'qemu_netduinoplus2', 'nucleo_f446re_offline'],
  esp32: ['qemu_riscv32_virt'],
};
const sizeTool = { 'arm-cortex-m': 'arm-none-eabi-size', esp32: 'riscv64-unknown-elf-size' };

const agentDir = join(firmwareDir, 'agent');

async function buildNative() {
  const { engineDir, version } = await engineInfo();
  const port = await import(join(repoDir, 'port', 'index.js'));
  const out = join(agentDir, 'build', 'mva-host');
  mkdirSync(join(agentDir, 'build'), { recursive: true });
  const sources = [
    join(agentDir, 'src', 'mva_agent.c'),
    join(agentDir, 'src', 'mva_value.c'),
    join(agentDir, 'host', 'hal_host.c'),
    ...port.portSources,
  ];
  const inputs = [...sources, join(engineDir, 'microvium.c'), ...['mva.h', 'mva_hal.h', 'mva_value.h', 'mvp_target.h'].map((h) => join(agentDir, 'include', h))];
  if (existsSync(out) && inputs.every((f) => statSync(f).mtimeMs < statSync(out).mtimeMs)) return out;
  execFileSync(process.env.CC ?? 'gcc', [
    ...port.commonCFlags, '-O2', '-g', '-DMVA_NATIVE', '-DMVA_IMAGE_MAX=65536', `-DMVA_ENGINE_VERSION="${version}"`, '-DNDEBUG',
    '-Wno-unused-parameter', '-Wno-char-subscripts',
    '-I', join(agentDir, 'include'), '-I', port.includeDir, '-I', engineDir,
    ...sources, '-o', out, '-lm',
  ], { stdio: 'inherit' });
  return out;
}

function sizes(project, env) {
  const elf = join(firmwareDir, project, '.pio', 'build', env, 'firmware.elf');
  const text = execFileSync(sizeTool[project], ['-A', '-d', elf]).toString();
  const sec = Object.fromEntries(
    [...text.matchAll(/^(\.\S+)\s+(\d+)\s+\d+/gm)].map((m) => [m[1], Number(m[2])]),
  );
  const get = (...names) => names.reduce((n, s) => n + (sec[s] ?? 0), 0);
  const flash = get('.vectors', '.text', '.rodata', '.ARM.exidx', '.init_array', '.fini_array', '.data', '.srodata', '.sdata');
  const page = get('.vmpage');
  const ram = get('.data', '.sdata', '.bss', '.sbss', '.stack');
  return { env, flash, ram, page };
}

function runPio(project, envs, coreDir) {
  const env = { ...offlinePioEnv(coreDir), MVTK_ENGINE_DIR: process.env.MVTK_ENGINE_DIR };
  const args = ['run', '-d', join(firmwareDir, project), ...envs.flatMap((e) => ['-e', e])];
  const r = spawnSync(findPio(), args, { env, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`pio run failed for ${project} (exit ${r.status})`);
  }
}

const argv = process.argv.slice(2);
const native = await buildNative();
console.log(`native agent: ${native}`);
if (!argv.includes('--native')) {
  const { engineDir } = await engineInfo();
  process.env.MVTK_ENGINE_DIR = engineDir;
  const projects = argv.filter((a) => !a.startsWith('-'));
  const chosen = projects.length ? projects : Object.keys(offlineEnvs);
  // Fresh per run (see the notes), and one per project set: turbo builds the
  // two projects in parallel.
  const coreDir = join(firmwareDir, '.pio-core', chosen.join('+'));
  rmSync(coreDir, { recursive: true, force: true });
  for (const project of chosen) {
    const t0 = Date.now();
    runPio(project, offlineEnvs[project], coreDir);
    console.log(`pio run ${project}: ${offlineEnvs[project].join(', ')} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const rows = offlineEnvs[project].map((env) => sizes(project, env));
    const table = [
      '| environment | flash (bytes) | RAM without the VM page (bytes) | VM page (bytes) |',
      '|---|---:|---:|---:|',
      ...rows.map((r) => `| ${r.env} | ${r.flash} | ${r.ram} | ${r.page} |`),
    ].join('\n');
    console.log(`\n${table}\n`);
    // One file per project: turbo builds the projects in parallel.
    writeFileSync(join(firmwareDir, project, '.pio-sizes.md'), `${table}\n`);
    writeFileSync(join(firmwareDir, project, '.pio-sizes.json'), `${JSON.stringify(rows, null, 2)}\n`);
  }
}
