import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every installed package (nested ones too) whose `engines.node` does not cover all of `claimed`. */
function unmetEngines(claimed: string): string[] {
  const unmet: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) {
        walk(path);
        continue;
      }
      const manifest = join(path, 'package.json');
      if (existsSync(manifest)) {
        const node = (JSON.parse(readFileSync(manifest, 'utf8')) as { engines?: { node?: unknown } }).engines?.node;
        if (typeof node === 'string' && !semver.subset(claimed, node)) unmet.push(`${path.slice(root.length)}: ${node}`);
      }
      walk(join(path, 'node_modules'));
    }
  };
  walk(join(root, 'node_modules'));
  return unmet;
}

describe('the Node versions the project claims', function () {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };

  it('are ones every installed dependency declares it supports', function () {
    this.timeout(60_000);
    assert.deepEqual(unmetEngines(pkg.engines.node), []);
  });

  it('include the running Node, and the README and the deploy guide name them', function () {
    assert.ok(semver.satisfies(process.version, pkg.engines.node), `${process.version} is outside engines ${pkg.engines.node}`);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /Node\.js 20 \(20\.19 or newer\) or Node\.js 22 \(22\.12 or newer/);
    assert.match(readFileSync(join(root, 'docs', 'deploy.md'), 'utf8'), /Node\.js 20 \(20\.19 or newer\) and\s+Node\.js 22 \(22\.12 or newer\)/);
    assert.equal(pkg.engines.node, '>=20.19 <21 || >=22.12 <23');
  });
});
