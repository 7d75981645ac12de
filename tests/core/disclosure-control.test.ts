import assert from 'node:assert/strict';
import { safeCount, suppress, type Cell, type Relation } from '../../bot/core/disclosure-control.js';

/** A table of team rows (members = completed + notDone) under a total row. */
function table(rows: readonly (readonly [number, number])[]): { cells: Cell[]; relations: Relation[] } {
  const cells: Cell[] = [];
  const relations: Relation[] = [];
  rows.forEach(([completed, notDone], i) => {
    cells.push({ id: `t${i}:members`, value: completed + notDone }, { id: `t${i}:completed`, value: completed }, { id: `t${i}:notDone`, value: notDone });
    relations.push({ total: `t${i}:members`, parts: [`t${i}:completed`, `t${i}:notDone`] });
  });
  for (const measure of ['members', 'completed', 'notDone']) {
    cells.push({ id: `total:${measure}`, value: rows.reduce((n, [c, d]) => n + (measure === 'completed' ? c : measure === 'notDone' ? d : c + d), 0) });
    relations.push({ total: `total:${measure}`, parts: rows.map((_, i) => `t${i}:${measure}`) });
  }
  relations.push({ total: 'total:members', parts: ['total:completed', 'total:notDone'] });
  return { cells, relations };
}

describe('disclosure control', function () {
  it('shows 0 and counts of at least k, hides 1 … k−1', function () {
    assert.deepEqual([0, 1, 4, 5, 50].map((n) => safeCount(n, 5)), [true, false, false, true, true]);
  });

  it('hides nothing in a table without small cells', function () {
    const { cells, relations } = table([[10, 5], [6, 0], [20, 7]]);
    assert.equal(suppress(cells, relations, 5).size, 0);
  });

  it('hides a second cell in the row and the column of a small one, so 3 of 20 cannot be worked out', function () {
    const { cells, relations } = table([[17, 3], [10, 10], [8, 6]]);
    const hidden = suppress(cells, relations, 5);
    assert.equal(hidden.get('t0:notDone'), 'primary');
    assert.equal(hidden.get('t0:completed'), 'secondary', 'members − completed would give the 3 away');
    const value = new Map(cells.map((cell) => [cell.id, cell.value]));
    for (const relation of relations) {
      if (hidden.has(relation.total)) continue;
      const parts = relation.parts.filter((id) => hidden.has(id));
      if (parts.length === 0) continue;
      assert.ok(parts.length >= 2, `${relation.total}: one hidden part`);
      assert.ok(safeCount(parts.reduce((n, id) => n + value.get(id)!, 0), 5), `${relation.total}: hidden parts add up to a small number`);
    }
  });

  it('hides the total when the hidden parts together are still small', function () {
    const cells: Cell[] = [{ id: 'total', value: 3 }, { id: 'a', value: 2 }, { id: 'b', value: 1 }];
    const hidden = suppress(cells, [{ total: 'total', parts: ['a', 'b'] }], 5);
    assert.deepEqual([...hidden.keys()].sort(), ['a', 'b', 'total']);
  });

  it('hides every forced cell, and a part with a hidden total whose parts are all shown', function () {
    const cells: Cell[] = [{ id: 'total', value: 20 }, { id: 'a', value: 10 }, { id: 'b', value: 10 }];
    const hidden = suppress(cells, [{ total: 'total', parts: ['a', 'b'] }], 5, ['total']);
    assert.equal(hidden.get('total'), 'primary');
    assert.equal(hidden.size, 2);
  });
});
