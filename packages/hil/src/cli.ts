#!/usr/bin/env node
/**
 * `hil`: the hardware-in-the-loop harness's command line (README.md).
 *
 * Exit codes: 0 all identical, 1 differences, 2 infrastructure failure,
 * 3 usage or configuration error (bad arguments, invalid hardware map).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatDoctor, runDoctor, systemProbe } from './doctor/doctor.js';
import { PlatformIO } from './flash/platformio.js';
import { acquireBoardLock } from './flash/board-lock.js';
import { classifyPorts, starterMap } from './resources/discover.js';
import { isEmulatedKind, loadHardwareMap, selectBoards, HardwareMapError } from './resources/hardware-map.js';
import { listSerialPorts, PortListError, resolvePort } from './resources/ports.js';
import { DEFAULT_STATE_DIR, nightlyCommand, runCommand, TargetSelectionError } from './run/commands.js';
import { defaultConnector } from './strategies/connector.js';
import { QuarantineError } from './nightly/nightly.js';

const USAGE = 3;

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};

/** An AbortSignal for SIGINT/SIGTERM: the first stops the run and keeps the report; the second quits. */
function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (ac.signal.aborted) {
      process.stderr.write(`\nhil: ${sig} again, quitting without a report\n`);
      process.exit(130);
    }
    process.stderr.write(`\nhil: ${sig}: finishing the running cases and writing the report (again to quit at once)\n`);
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: ac.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

const program = new Command('hil')
  .description('Hardware-in-the-loop harness: the shared suite on host targets, virtual, emulated and real boards.')
  .showHelpAfterError()
  .exitOverride();

const boards = program.command('boards').description('the hardware map');
boards
  .command('discover')
  .description('list attached serial ports and write a starter hardware map')
  .option('-o, --out <file>', 'where to write the map (default: print it)')
  .option('--firmware <dir>', 'the firmware/ folder, relative to the map', 'firmware')
  .option('--no-emulated', 'leave the QEMU boards out')
  .action(async (o: { out?: string; firmware: string; emulated: boolean }) => {
    let ports: Awaited<ReturnType<typeof listSerialPorts>> = [];
    try {
      ports = await listSerialPorts();
    } catch (error) {
      if (!(error instanceof PortListError)) throw error;
      process.stderr.write(`hil: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const found = classifyPorts(ports);
    for (const p of found) {
      process.stderr.write(`${p.path.padEnd(16)} ${(p.vendorId ?? '----')}:${p.productId ?? '----'}  ${p.kind ?? '(unknown)'}  ${p.manufacturer ?? ''} ${p.serialNumber ? `sn=${p.serialNumber}` : ''}\n`);
    }
    if (!found.length) process.stderr.write('no serial ports found\n');
    const text = starterMap(found, { firmware: o.firmware, emulated: o.emulated });
    if (o.out) {
      await writeFile(o.out, text);
      process.stderr.write(`wrote ${o.out}\n`);
    } else process.stdout.write(text);
  });
boards
  .command('check')
  .description('validate a hardware map and show where each board is')
  .requiredOption('-b, --boards <file>', 'hardware map')
  .action(async (o: { boards: string }) => {
    const map = await loadHardwareMap(o.boards);
    for (const b of map.boards) {
      let where = 'QEMU';
      if (!isEmulatedKind(b.kind)) where = await resolvePort(b).catch((e: Error) => `NOT FOUND: ${e.message}`);
      process.stdout.write(`${b.enabled ? ' ' : '-'} ${b.name.padEnd(20)} ${b.kind.padEnd(20)} ${b.pio.environment.padEnd(20)} ${where}\n`);
    }
  });

program
  .command('doctor')
  .description('check toolchains, PlatformIO, QEMU, serial ports and permissions')
  .option('-b, --boards <file>', 'only require what this hardware map needs')
  .option('--pio <path>', 'PlatformIO executable')
  .action(async (o: { boards?: string; pio?: string }) => {
    const map = o.boards ? await loadHardwareMap(o.boards) : undefined;
    const { text, exitCode } = formatDoctor(await runDoctor(systemProbe(listSerialPorts), { ...(map ? { map } : {}), ...(o.pio ? { pio: o.pio } : {}) }));
    process.stdout.write(`${text}\n`);
    process.exitCode = exitCode;
  });

program
  .command('flash')
  .description('build and flash the physical boards of a map (skipped when the same image is on a board)')
  .requiredOption('-b, --boards <file>', 'hardware map')
  .option('--only <names...>', 'board names or tag:NAME')
  .option('--force', 'flash even when the image is unchanged')
  .option('--state-dir <dir>', 'locks and flash records', DEFAULT_STATE_DIR)
  .option('--out <dir>', 'where logs go', 'hil-out')
  .action(async (o: { boards: string; only?: string[]; force?: boolean; stateDir: string; out: string }) => {
    const map = await loadHardwareMap(o.boards);
    const pio = new PlatformIO({ stateDir: o.stateDir, logDir: join(o.out, 'logs'), baseDir: map.baseDir! });
    let failed = 0;
    for (const b of selectBoards(map, o.only ?? []).filter((b) => !isEmulatedKind(b.kind))) {
      const lock = await acquireBoardLock(b.name, { dir: join(o.stateDir, 'locks'), run: `flash-${process.pid}` });
      try {
        const image = await pio.build(b);
        const r = await pio.upload(b, image, await resolvePort(b), o.force);
        process.stdout.write(`${b.name}: ${r.skipped ? 'unchanged, skipped' : `flashed in ${r.durationMs} ms`} (${image.sha256.slice(0, 12)}, ${image.flashBytes ?? image.fileBytes} bytes)\n`);
      } catch (error) {
        failed++;
        process.stderr.write(`${(error as Error).message}\n`);
      } finally {
        await lock.release();
      }
    }
    process.exitCode = failed ? 2 : 0;
  });

const runOptions = (c: Command) =>
  c
    .option('-t, --targets <names...>', 'host targets, virtual-<host>, board names, tag:NAME or `boards` (default: every host target and every board of the map)')
    .option('-b, --boards <file>', 'hardware map')
    .option('-f, --filter <pattern>', 'only cases whose id contains this (or matches it, with * or regex characters)')
    .option('-j, --jobs <n>', 'targets run at once (default: all)', int('--jobs'))
    .option('--cases <dir>', 'cases folder (default: the shared suite)')
    .option('--case-timeout <ms>', 'per-case timeout for targets without their own', int('--case-timeout'))
    .option('--retries <n>', 'retries after a transport error', int('--retries'), 2)
    .option('--state-dir <dir>', 'locks and flash records', DEFAULT_STATE_DIR)
    .option('--force-flash', 'flash even when the image is unchanged')
    .option('--lock-wait <ms>', 'wait this long for a board another run holds', int('--lock-wait'), 0)
    .addOption(new Option('--progress <mode>', 'progress display').choices(['auto', 'live', 'plain']).default('auto'));

interface RunCli {
  targets?: string[];
  boards?: string;
  filter?: string;
  jobs?: number;
  cases?: string;
  caseTimeout?: number;
  retries: number;
  stateDir: string;
  forceFlash?: boolean;
  lockWait: number;
  progress: 'auto' | 'live' | 'plain';
  out: string;
}

function common(o: RunCli, signal: AbortSignal) {
  return {
    ...(o.targets ? { targets: o.targets } : {}),
    ...(o.boards ? { boards: o.boards } : {}),
    ...(o.filter ? { filter: o.filter } : {}),
    ...(o.jobs ? { jobs: o.jobs } : {}),
    ...(o.cases ? { casesDir: o.cases } : {}),
    ...(o.caseTimeout ? { caseTimeoutMs: o.caseTimeout } : {}),
    retries: o.retries,
    stateDir: o.stateDir,
    ...(o.forceFlash ? { forceFlash: true } : {}),
    lockWaitMs: o.lockWait,
    ...(o.progress === 'auto' ? {} : { live: o.progress === 'live' }),
    connector: defaultConnector(),
    signal,
  };
}

runOptions(program.command('run').description('run the shared suite on the selected targets and write the reports'))
  .option('-o, --out <dir>', 'report folder', 'hil-out')
  .action(async (o: RunCli) => {
    const { signal, dispose } = interruptSignal();
    try {
      const r = await runCommand({ ...common(o, signal), out: o.out });
      process.exitCode = r.exitCode;
    } finally {
      dispose();
    }
  });

runOptions(program.command('nightly').description('the full matrix, with history, changes since last night, flaky detection and quarantine'))
  .requiredOption('--history <dir>', 'history folder (one subfolder per night)')
  .option('--keep <n>', 'nights to keep', int('--keep'), 14)
  .option('-q, --quarantine <file>', 'quarantine list (YAML)')
  .action(async (o: RunCli & { history: string; keep: number; quarantine?: string }) => {
    const { signal, dispose } = interruptSignal();
    try {
      const r = await nightlyCommand({ ...common(o, signal), history: o.history, keep: o.keep, ...(o.quarantine ? { quarantineFile: o.quarantine } : {}) });
      process.exitCode = r.exitCode;
    } finally {
      dispose();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : USAGE;
  } else if (error instanceof HardwareMapError || error instanceof TargetSelectionError || error instanceof QuarantineError) {
    process.stderr.write(`hil: ${error.message}\n`);
    process.exitCode = USAGE;
  } else {
    process.stderr.write(`hil: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}
