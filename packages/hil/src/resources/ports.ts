/**
 * Serial port listing and resolution of a board's {@link PortLocator} to a
 * device path. Listing goes through serialport's `SerialPort.list()`, which
 * needs `udevadm` on Linux; without it the error says so.
 */
import { realpath } from 'node:fs/promises';
import type { BoardSpec, PortLocator } from './hardware-map.js';

/** The fields of serialport's PortInfo the harness uses. */
export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export type ListPorts = () => Promise<PortInfo[]>;

export class PortListError extends Error {
  override name = 'PortListError';
  readonly code = 'MVTK_HIL_PORT_LIST';
}

export class PortNotFoundError extends Error {
  override name = 'PortNotFoundError';
  readonly code = 'MVTK_HIL_PORT_NOT_FOUND';
}

/** Lists attached serial ports with serialport, turning the missing-udevadm failure into advice. */
export const listSerialPorts: ListPorts = async () => {
  let SerialPort: { list(): Promise<PortInfo[]> };
  try {
    ({ SerialPort } = (await import('serialport')) as any);
  } catch (error) {
    throw new PortListError(`the serialport package cannot be loaded: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await SerialPort.list();
  } catch (error) {
    throw explainListError(error);
  }
};

export function explainListError(error: unknown): PortListError {
  const msg = error instanceof Error ? error.message : String(error);
  if (/udevadm/i.test(msg) || (error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return new PortListError(
      `cannot list serial ports: udevadm is missing (${msg}). Install it with \`apt-get install udev\`, ` +
        'or give each board an explicit `port: { path: /dev/ttyACM0 }` in the hardware map.',
      { cause: error },
    );
  }
  return new PortListError(`cannot list serial ports: ${msg}`, { cause: error });
}

const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/^0x/, '');

/** The device path for a board, or a {@link PortNotFoundError} naming what was looked for. */
export async function resolvePort(
  board: Pick<BoardSpec, 'name' | 'port'>,
  listPorts: ListPorts = listSerialPorts,
  resolveLink: (p: string) => Promise<string> = realpath,
): Promise<string> {
  const loc: PortLocator | undefined = board.port;
  if (!loc) throw new PortNotFoundError(`${board.name}: no port locator in the hardware map`);
  if ('path' in loc) return loc.path;
  if ('byId' in loc) {
    try {
      return await resolveLink(loc.byId);
    } catch {
      throw new PortNotFoundError(`${board.name}: ${loc.byId} does not exist (is the board plugged in?)`);
    }
  }
  const ports = await listPorts();
  const matches =
    'serialNumber' in loc
      ? ports.filter((p) => p.serialNumber === loc.serialNumber)
      : ports.filter((p) => norm(p.vendorId) === loc.vid && norm(p.productId) === loc.pid);
  const index = 'vid' in loc ? (loc.index ?? 0) : 0;
  const hit = [...matches].sort((a, b) => a.path.localeCompare(b.path))[index];
  if (!hit) {
    const what = 'serialNumber' in loc ? `serial number ${loc.serialNumber}` : `VID:PID ${loc.vid}:${loc.pid} #${index}`;
    const seen = ports.map((p) => `${p.path} (${p.vendorId ?? '?'}:${p.productId ?? '?'} sn=${p.serialNumber ?? '?'})`);
    throw new PortNotFoundError(`${board.name}: no port with ${what}; attached: ${seen.join(', ') || 'none'}`);
  }
  return hit.path;
}
