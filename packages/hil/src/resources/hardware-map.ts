/**
 * The hardware map: which boards a lab has, where they are attached and how
 * their firmware is built and flashed. Data only (labgrid's "resources"):
 * drivers and strategies read it, nothing here touches a port.
 *
 * The file is YAML with `version: 1`; {@link parseHardwareMap} validates it
 * and reports every problem with its path in the file.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

/** Board kinds the harness knows; `qemu-*` kinds are emulated. */
export const BOARD_KINDS = [
  'nucleo-f446re',
  'esp32dev',
  'esp32-c3',
  'qemu-netduinoplus2',
  'qemu-mps2-an385',
  'qemu-mps2-an500',
  'qemu-riscv32-virt',
] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export function isEmulatedKind(kind: BoardKind): boolean {
  return kind.startsWith('qemu-');
}

const hex4 = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{4}$/, 'must be 4 hex digits, e.g. "0483"')
  .transform((s) => s.toLowerCase().replace(/^0x/, ''));

/** How to find a board's serial port; exactly one way per board. */
export const PortLocatorSchema = z.union([
  z.strictObject({ serialNumber: z.string().min(1) }),
  z.strictObject({ vid: hex4, pid: hex4, index: z.number().int().min(0).optional() }),
  z.strictObject({ byId: z.string().startsWith('/dev/serial/by-id/', 'must be a /dev/serial/by-id/ path') }),
  z.strictObject({ path: z.string().min(1) }),
]);
export type PortLocator = z.infer<typeof PortLocatorSchema>;

export const ResetMethodSchema = z.enum(['none', 'dtr-rts', 'pio-upload', 'protocol', 'qemu-restart']);
export type ResetMethod = z.infer<typeof ResetMethodSchema>;

const nameRe = /^[a-z0-9][a-z0-9._-]*$/;

export const BoardSchema = z
  .strictObject({
    name: z.string().regex(nameRe, 'lowercase letters, digits, ".", "_" and "-" only'),
    kind: z.enum(BOARD_KINDS),
    pio: z.strictObject({
      /** PlatformIO project folder, relative to the map file. */
      project: z.string().min(1),
      environment: z.string().min(1),
    }),
    /** Required for physical boards; emulated boards get a pty from QEMU. */
    port: PortLocatorSchema.optional(),
    baud: z.number().int().positive().default(115200),
    reset: ResetMethodSchema.default('dtr-rts'),
    tags: z.array(z.string().min(1)).default([]),
    /** Set false to keep a board in the map but out of runs. */
    enabled: z.boolean().default(true),
    /** Per-board limits, in milliseconds. */
    timeouts: z
      .strictObject({
        flash: z.number().int().positive().default(180_000),
        case: z.number().int().positive().default(20_000),
      })
      .prefault({}),
  })
  .superRefine((b, ctx) => {
    if (!isEmulatedKind(b.kind) && !b.port) {
      ctx.addIssue({ code: 'custom', path: ['port'], message: `a physical board (${b.kind}) needs a port locator` });
    }
    if (isEmulatedKind(b.kind) && b.port) {
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'emulated boards get their port from QEMU: remove it' });
    }
  });
export type BoardSpec = z.infer<typeof BoardSchema>;

export const HardwareMapSchema = z
  .strictObject({
    version: z.literal(1, { error: 'unsupported hardware map version: this harness reads `version: 1`' }),
    /** Free-form lab name, recorded in reports. */
    lab: z.string().optional(),
    boards: z.array(BoardSchema),
  })
  .superRefine((m, ctx) => {
    const seen = new Map<string, number>();
    m.boards.forEach((b, i) => {
      const first = seen.get(b.name);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['boards', i, 'name'], message: `duplicate board name "${b.name}" (also boards[${first}])` });
      } else seen.set(b.name, i);
    });
  });
export type HardwareMap = z.infer<typeof HardwareMapSchema> & { /** Folder the map was read from. */ baseDir?: string };

/** A hardware map that failed to parse or validate; `issues` has one line per problem. */
export class HardwareMapError extends Error {
  override name = 'HardwareMapError';
  readonly code = 'MVTK_HIL_MAP';
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file}: invalid hardware map:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(top level)';
}

/** Parses and validates hardware map YAML text. */
export function parseHardwareMap(text: string, file = 'hardware map'): HardwareMap {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const msg = error instanceof YAMLParseError ? error.message : String(error);
    throw new HardwareMapError(file, [`YAML syntax: ${msg}`]);
  }
  const result = HardwareMapSchema.safeParse(doc);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      // Name the board as well as its index, so errors are easy to find.
      let where = formatPath(issue.path);
      const [top, index] = issue.path;
      if (top === 'boards' && typeof index === 'number') {
        const name = (doc as any)?.boards?.[index]?.name;
        if (typeof name === 'string') where += ` (board "${name}")`;
      }
      return `${where}: ${issue.message}`;
    });
    throw new HardwareMapError(file, issues);
  }
  return result.data;
}

export async function loadHardwareMap(file: string): Promise<HardwareMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HardwareMapError(file, [`cannot read: ${(error as Error).message}`]);
  }
  const map = parseHardwareMap(text, file);
  const { dirname, resolve } = await import('node:path');
  return { ...map, baseDir: dirname(resolve(file)) };
}

/** Boards selected by name or tag (`tag:NAME`); all enabled boards when `selectors` is empty. */
export function selectBoards(map: HardwareMap, selectors: readonly string[] = []): BoardSpec[] {
  const enabled = map.boards.filter((b) => b.enabled);
  if (selectors.length === 0) return enabled;
  const picked = new Set<BoardSpec>();
  for (const sel of selectors) {
    const matches = sel.startsWith('tag:')
      ? enabled.filter((b) => b.tags.includes(sel.slice(4)))
      : map.boards.filter((b) => b.name === sel);
    if (matches.length === 0) throw new HardwareMapError(map.baseDir ?? 'hardware map', [`no board matches "${sel}"`]);
    matches.forEach((b) => picked.add(b));
  }
  return [...picked];
}
