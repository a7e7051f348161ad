/**
 * Transcript diffs for reports: the shared suite's `unifiedDiff` (one diff
 * implementation for the whole repo), split into lines for colouring.
 */
import { unifiedDiff } from '@mvtk/shared-suite';

export interface DiffLine {
  op: ' ' | '-' | '+' | '@';
  text: string;
}

/** Unified diff text, `-` expected and `+` actual. */
export function diffText(expected: readonly string[], actual: readonly string[]): string {
  return unifiedDiff(expected, actual);
}

export function diffTranscripts(expected: readonly string[], actual: readonly string[]): DiffLine[] {
  const text = unifiedDiff(expected, actual);
  if (!text) return [];
  return text
    .split('\n')
    .slice(2) // the ---/+++ header
    .map((l) => (l.startsWith('@@') ? { op: '@' as const, text: l } : { op: l[0] as DiffLine['op'], text: l.slice(1) }));
}
