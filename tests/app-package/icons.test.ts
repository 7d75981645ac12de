import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { checkIcon } from '../../scripts/app-package/icon-checks.js';
import { drawSproutIcon, encodeIcon } from '../../scripts/app-package/sprout-icon.js';

const iconPath = (kind: 'color' | 'outline') => join(repoRoot(), 'appPackage', `${kind}.png`);

describe('app icons', () => {
  it('color.png is 192×192 and outline.png is 32×32 white on transparent', async () => {
    assert.deepEqual(checkIcon('color', await readFile(iconPath('color')), 'color.png'), []);
    assert.deepEqual(checkIcon('outline', await readFile(iconPath('outline')), 'outline.png'), []);
    assert.equal(PNG.sync.read(await readFile(iconPath('color'))).width, 192);
    assert.equal(PNG.sync.read(await readFile(iconPath('outline'))).width, 32);
  });

  it('are what scripts/make-icons.ts draws (run npm run make:icons after changing the drawing)', async () => {
    for (const kind of ['color', 'outline'] as const) {
      const committed = PNG.sync.read(await readFile(iconPath(kind)));
      assert.ok(committed.data.equals(drawSproutIcon(kind).data), `${kind}.png differs from the drawing`);
    }
  });

  it('rejects an outline icon with a coloured pixel or no transparency', () => {
    const coloured = drawSproutIcon('outline');
    const visible = coloured.data.findIndex((value, index) => index % 4 === 3 && value === 255) - 3;
    coloured.data[visible] = 0;
    assert.match(checkIcon('outline', encodeIcon(coloured), 'outline.png')[0] ?? '', /1 visible pixel\(s\) are not white/);
    const opaque = drawSproutIcon('outline');
    for (let i = 3; i < opaque.data.length; i += 4) opaque.data[i] = 255;
    assert.match(checkIcon('outline', encodeIcon(opaque), 'outline.png').join('\n'), /no transparent pixel/);
  });

  it('rejects an icon of the wrong size and a file that is not a PNG', () => {
    assert.deepEqual(checkIcon('outline', encodeIcon(drawSproutIcon('color')), 'outline.png'), ['outline.png: must be 32×32 pixels, is 192×192']);
    assert.match(checkIcon('color', Buffer.from('not a png'), 'color.png')[0] ?? '', /not a readable PNG/);
  });
});
