import assert from 'node:assert/strict';
import { ClaimScope, SHARED_READ_MAX_AGE_MS } from '../../bot/core/claim-scope.js';

describe('reads shared by the rows of one claim', function () {
  let now: number;
  let reads: number;
  const read = async (): Promise<number> => (reads += 1);

  beforeEach(function () {
    now = 1_000;
    reads = 0;
  });

  it('reads once for rows sent within the maximum age, and again for a row sent after it', async function () {
    const scope = new ClaimScope([], () => now);
    assert.deepEqual(await Promise.all([scope.shared('team', read), scope.shared('team', read)]), [1, 1]);
    now += SHARED_READ_MAX_AGE_MS - 1;
    assert.equal(await scope.shared('team', read), 1, 'still within the maximum age');
    now += 1;
    assert.equal(await scope.shared('team', read), 2, 'read again once as old as the maximum age');
    assert.equal(reads, 2);
  });

  it('keeps reads of different keys apart', async function () {
    const scope = new ClaimScope([], () => now);
    const first = await scope.shared('tenant-a/team-1', async () => 'a');
    const second = await scope.shared('tenant-b/team-1', async () => 'b');
    assert.deepEqual([first, second], ['a', 'b']);
  });

  it('does not keep a read that failed: the next row reads again', async function () {
    const scope = new ClaimScope([], () => now);
    await assert.rejects(scope.shared('team', async () => Promise.reject(new Error('database away'))), /database away/);
    assert.equal(await scope.shared('team', read), 1);
  });
});
