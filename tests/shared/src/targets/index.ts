/**
 * The targets this machine can run, by name. Runtime-backed targets appear
 * as soon as their packages are built (wasm-chromium also needs Debian's
 * chromium); boards come from packages/hil.
 */
import { execFileSync } from 'node:child_process';
import type { Target } from '../target.js';
import { buildSuiteHost } from './c-host-build.js';
import { cHostTarget } from './c-host.js';
import { chromiumTarget, chromiumUnavailable } from './chromium.js';
import { isolatedRuntimeTarget, workerScript } from './isolated.js';
import { existsSync } from 'node:fs';
import type { RuntimeModule } from './runtime.js';

/**
 * A runtime package as a target factory: available when its built package
 * loads. Runs happen in a child process (see isolated.ts).
 */
function runtimeFactory(name: string, load: () => Promise<unknown>): TargetFactory {
  let loaded: RuntimeModule | undefined;
  let failure: string | undefined;
  const tryLoad = async () => {
    if (loaded || failure) return;
    try {
      loaded = (await load()) as RuntimeModule;
      if (typeof loaded?.Microvium?.restore !== 'function') throw new Error('it has no Microvium.restore');
    } catch (error) {
      loaded = undefined;
      failure = (error as Error).message.split('\n')[0];
    }
  };
  return {
    name,
    async unavailable() {
      await tryLoad();
      if (!failure && !existsSync(workerScript)) return `${workerScript} is missing (build @mvtk/shared-suite)`;
      return failure;
    },
    async create() {
      await tryLoad();
      if (!loaded) throw new Error(`target ${name} is unavailable: ${failure}`);
      return isolatedRuntimeTarget(name);
    },
  };
}

export interface TargetFactory {
  name: string;
  /** Why the target cannot run here, or undefined if it can. */
  unavailable(): Promise<string | undefined>;
  create(): Promise<Target>;
}

export const targetFactories: TargetFactory[] = [
  {
    name: 'c-host',
    async unavailable() {
      try {
        execFileSync(process.env.CC ?? 'gcc', ['--version'], { stdio: 'ignore' });
        return undefined;
      } catch {
        return 'no C compiler (gcc or $CC)';
      }
    },
    async create() {
      return cHostTarget({ binary: buildSuiteHost() });
    },
  },
  runtimeFactory('wasm-node', () => import('@mvtk/runtime-wasm')),
  runtimeFactory('native', () => import('@mvtk/runtime-node-native')),
  {
    name: 'wasm-chromium',
    unavailable: chromiumUnavailable,
    create: () => chromiumTarget(),
  },
];

export interface AvailableTargets {
  targets: Target[];
  skipped: { name: string; reason: string }[];
}

/** Creates the named targets (default: every available one). An unknown or unavailable named target is an error. */
export async function openTargets(names?: readonly string[]): Promise<AvailableTargets> {
  const known = new Map(targetFactories.map((f) => [f.name, f]));
  for (const n of names ?? []) {
    if (!known.has(n)) throw new Error(`unknown target ${n} (known: ${[...known.keys()].join(', ')})`);
  }
  const targets: Target[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const factory of targetFactories) {
    if (names && !names.includes(factory.name)) continue;
    const reason = await factory.unavailable();
    if (reason) {
      if (names) throw new Error(`target ${factory.name} is unavailable: ${reason}`);
      skipped.push({ name: factory.name, reason });
      continue;
    }
    targets.push(await factory.create());
  }
  return { targets, skipped };
}
