/**
 * `results.json`: the whole {@link RunResults}, every transcript included.
 * Its shape is declared once here (zod) and published as JSON Schema
 * (`results.schema.json` beside it) for other tools.
 */
import { z } from 'zod';
import { RESULTS_SCHEMA_VERSION, type RunResults } from './results.js';

const verdict = z.enum(['pass', 'fail', 'infra', 'skip']);
const lines = z.array(z.string());

export const RunResultsSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  runId: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  interrupted: z.boolean(),
  env: z.record(z.string(), z.string()),
  targets: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['host', 'board', 'virtual']),
      boardKind: z.string().optional(),
      port: z.string().optional(),
      firmware: z
        .object({
          path: z.string(),
          sha256: z.string(),
          fileBytes: z.number().int(),
          flashBytes: z.number().int().optional(),
          ramBytes: z.number().int().optional(),
          commit: z.string().optional(),
        })
        .optional(),
      flash: z.object({ skipped: z.boolean(), durationMs: z.number(), logFile: z.string().optional() }).optional(),
      logFile: z.string().optional(),
      logTail: z.string().optional(),
      broken: z.string().optional(),
      setupMs: z.number().optional(),
      durationMs: z.number(),
      properties: z.record(z.string(), z.string()),
    }),
  ),
  cases: z.array(z.object({ id: z.string(), description: z.string(), tags: z.array(z.string()), expected: lines.optional() })),
  outcomes: z.array(
    z.object({
      caseId: z.string(),
      target: z.string(),
      verdict,
      transcript: lines.optional(),
      expected: lines.optional(),
      error: z.string().optional(),
      durationMs: z.number(),
      attempts: z.number().int().min(0),
      reruns: z.array(verdict).optional(),
      flaky: z.boolean().optional(),
      quarantined: z.boolean().optional(),
    }),
  ),
  summary: z.object({
    pass: z.number().int(),
    fail: z.number().int(),
    infra: z.number().int(),
    skip: z.number().int(),
    quarantined: z.number().int(),
    flaky: z.number().int(),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  }),
});

export function resultsJsonSchema(): object {
  return z.toJSONSchema(RunResultsSchema, { target: 'draft-2020-12', io: 'input' });
}

export function resultsJson(results: RunResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** Parses and validates a results.json (e.g. the previous night's). */
export function parseResultsJson(text: string): RunResults {
  return RunResultsSchema.parse(JSON.parse(text)) as RunResults;
}
