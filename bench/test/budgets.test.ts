/**
 * Size budgets: the WASM engine, the bundle, the addon and each firmware
 * image's flash and RAM must stay within src/sizes.ts's budgets. A change
 * that grows one past its budget fails here with the numbers; raise a budget
 * only on purpose, with the reason next to it.
 */
import { describe, expect, it } from 'vitest';
import { budgets, checkBudgets, measureSizes } from '../src/sizes.js';

const items = measureSizes();
const checks = checkBudgets(items);

describe('size budgets', () => {
  for (const budget of budgets) {
    it(`${budget.key} ≤ ${budget.max.toLocaleString('en-US')} bytes (${budget.why})`, () => {
      const c = checks.find((x) => x.key === budget.key)!;
      const item = items.find((i) => i.key === budget.key);
      expect(item?.missing, `${c.file}: ${item?.missing} (build it before the budget test)`).toBeUndefined();
      const over = c.bytes! - budget.max;
      expect(
        c.bytes,
        `${c.label} (${c.file}) is ${c.bytes!.toLocaleString('en-US')} bytes, ` +
          `${over > 0 ? `${over.toLocaleString('en-US')} bytes over` : 'within'} its budget of ${budget.max.toLocaleString('en-US')} (${budget.why})`,
      ).toBeLessThanOrEqual(budget.max);
    });
  }

  it('every budget names a measured artefact', () => {
    const keys = new Set(items.map((i) => i.key));
    expect(budgets.filter((b) => !keys.has(b.key)).map((b) => b.key)).toEqual([]);
  });
});
