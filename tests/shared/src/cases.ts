/**
 * Loading the suite's cases from `cases/<group>/<name>.js` (+ `.expected`).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseFormatError, parseCaseMeta, type GuestCase } from './format.js';

/** The package's own `cases/` directory (from `src/` and from `dist/`). */
export { defaultCasesDir } from './paths.js';
import { defaultCasesDir } from './paths.js';

export interface LoadOptions {
  /** Keep only cases whose id (`group/name`) contains this text or matches this pattern. */
  filter?: string | RegExp;
}

/** Reads every case under `dir`, sorted by id. Throws CaseFormatError for a malformed case. */
export function loadCases(dir: string = defaultCasesDir, options: LoadOptions = {}): GuestCase[] {
  const cases: GuestCase[] = [];
  for (const group of readdirSync(dir).sort()) {
    const groupDir = join(dir, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const file of readdirSync(groupDir).sort()) {
      if (!file.endsWith('.js')) continue;
      const id = `${group}/${file.slice(0, -3)}`;
      if (!matches(id, options.filter)) continue;
      cases.push(loadCase(dir, id));
    }
  }
  return cases;
}

export function loadCase(dir: string, id: string): GuestCase {
  const file = join(dir, `${id}.js`);
  const source = readFileSync(file, 'utf8');
  const expectedPath = join(dir, `${id}.expected`);
  const expected = existsSync(expectedPath) ? parseTranscript(readFileSync(expectedPath, 'utf8')) : undefined;
  let meta;
  try {
    meta = parseCaseMeta(id, source);
  } catch (error) {
    // Name the file, so a bad case in a large suite is found at once.
    if (error instanceof CaseFormatError) throw new CaseFormatError(id, error.reason, file);
    throw error;
  }
  return { id, source, expected, ...meta };
}

function matches(id: string, filter: string | RegExp | undefined): boolean {
  if (filter === undefined) return true;
  return typeof filter === 'string' ? id.includes(filter) : filter.test(id);
}

/** A transcript file's lines (one trailing newline expected, none kept). */
export function parseTranscript(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

export function formatTranscript(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function writeExpected(dir: string, id: string, lines: readonly string[]): void {
  writeFileSync(join(dir, `${id}.expected`), formatTranscript(lines));
}
