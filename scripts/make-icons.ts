import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawSproutIcon, encodeIcon } from './app-package/sprout-icon.js';
import { APP_PACKAGE_DIR, repoRoot } from './app-package/app-files.js';

/* Writes appPackage/color.png (192×192) and appPackage/outline.png (32×32, white on transparent). */
const root = repoRoot();
for (const kind of ['color', 'outline'] as const) {
  const path = join(root, APP_PACKAGE_DIR, `${kind}.png`);
  await writeFile(path, encodeIcon(drawSproutIcon(kind)));
  console.log(`wrote ${path}`);
}
