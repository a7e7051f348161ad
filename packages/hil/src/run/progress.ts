/**
 * Live progress: one line per target (`case i/n`, pass/fail/infra counts).
 * On a TTY (and not in CI) the block is redrawn in place; otherwise plain
 * lines are printed when a target starts, breaks or finishes and on every
 * non-passing case, so CI logs stay readable.
 */
import type { ProgressEvent } from './orchestrator.js';

interface Row {
  name: string;
  state: 'waiting' | 'setup' | 'running' | 'broken' | 'done';
  done: number;
  total: number;
  pass: number;
  fail: number;
  infra: number;
  skip: number;
  note?: string;
}

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class ProgressRenderer {
  private rows = new Map<string, Row>();
  private drawn = 0;
  private readonly live: boolean;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly out: ProgressStream,
    targets: readonly string[],
    total: number,
    opts: { live?: boolean } = {},
  ) {
    this.live = opts.live ?? (!!out.isTTY && !process.env.CI);
    for (const name of targets) this.rows.set(name, { name, state: 'waiting', done: 0, total, pass: 0, fail: 0, infra: 0, skip: 0 });
    if (this.live) this.timer = setInterval(() => this.draw(), 250);
    this.timer?.unref?.();
  }

  handle = (e: ProgressEvent): void => {
    const row = this.rows.get(e.target);
    if (!row) return;
    switch (e.type) {
      case 'target-setup':
        row.state = 'setup';
        this.line(`${e.target}: setting up`);
        break;
      case 'target-ready':
        row.state = 'running';
        this.line(`${e.target}: ready in ${e.setupMs} ms`);
        break;
      case 'case-done': {
        row.done = e.index + 1;
        row[e.outcome.verdict]++;
        const v = e.outcome.verdict;
        if (v === 'fail' || v === 'infra') {
          const why = v === 'fail' ? 'DIFFERENT' : `INFRA ${(e.outcome.error ?? '').split('\n')[0]}`;
          this.line(`${e.target}: ${e.outcome.caseId} ${why}${e.outcome.quarantined ? ' (quarantined)' : ''}`, true);
        }
        break;
      }
      case 'target-broken':
        row.state = 'broken';
        row.note = e.reason.split('\n')[0];
        this.line(`${e.target}: BROKEN, skipping the rest: ${row.note}`, true);
        break;
      case 'target-done':
        if (row.state !== 'broken') row.state = 'done';
        this.line(`${e.target}: done ${this.fmt(row)}`);
        break;
    }
    if (this.live) this.draw();
  };

  private fmt(r: Row): string {
    return `case ${r.done}/${r.total}  pass ${r.pass}  fail ${r.fail}  infra ${r.infra}  skip ${r.skip}`;
  }

  /** Plain mode prints the line; live mode prints only important lines above the block. */
  private line(s: string, important = false): void {
    if (!this.live) this.out.write(`${s}\n`);
    else if (important) {
      this.clear();
      this.out.write(`${s}\n`);
    }
  }

  private clear(): void {
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    this.clear();
    const width = Math.max(40, (this.out.columns ?? 100) - 1);
    const nameW = Math.max(...[...this.rows.keys()].map((k) => k.length));
    const lines = [...this.rows.values()].map((r) => `${r.name.padEnd(nameW)}  ${r.state.padEnd(7)}  ${this.fmt(r)}${r.note ? `  ${r.note}` : ''}`.slice(0, width));
    this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.live) this.draw();
  }
}
