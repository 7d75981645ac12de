import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import {
  DEPLOY_DIR,
  PACKAGED_SCRIPTS,
  ROTATE_COMMAND,
  START_COMMAND,
  assembleDeployPackage,
  checkDeployPackage,
  coveredByArtefact,
  deployPackageJson,
  projectPathsIn,
  readServerSources,
  runtimeImportProblems,
  runtimeSpecifiers,
} from '../../scripts/infra/deploy-package.js';

const root = repoRoot();
const run = promisify(execFile);
type Pkg = Parameters<typeof runtimeImportProblems>[1];
const readPkg = async (): Promise<Pkg> => JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Pkg;

describe('the App Service deploy package (npm run package:deploy)', () => {
  it('reads the modules a source loads at run time, leaving out type-only imports', () => {
    const source = [
      "import type { Foo } from 'types-only';",
      "import { type Bar, baz } from 'mixed';",
      "import def from 'default-one';",
      "import * as ns from '@scope/pkg/sub/path.js';",
      "import 'side-effect';",
      "export { x } from './local.js';",
      "export type { Y } from 'reexported-type';",
      "export * from 'reexported';",
      "export const notAnImport = 1;",
      "const lazy = await import('lazy-one');",
      'const here = import.meta.url;',
      "import json from 'ajv/dist/refs/x.json' with { type: 'json' };",
    ].join('\n');
    assert.deepEqual(runtimeSpecifiers(source), ['mixed', 'default-one', '@scope/pkg/sub/path.js', 'side-effect', './local.js', 'reexported', 'lazy-one', 'ajv/dist/refs/x.json']);
  });

  it('finds that the server imports only production dependencies (bot/ and cards/)', async () => {
    assert.deepEqual(runtimeImportProblems(await readServerSources(root), await readPkg()), []);
  });

  it('fails, naming the file and the package, when the server imports a devDependency', async () => {
    const problems = runtimeImportProblems(new Map([['bot/new-thing.ts', "import { defineConfig } from 'vite';\nimport type { Page } from 'playwright-core';\nimport x from 'not-listed';"]]), await readPkg());
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^bot\/new-thing\.ts imports vite, a devDependency/);
    assert.match(problems[1] ?? '', /^bot\/new-thing\.ts imports not-listed, which package\.json does not list/);
  });

  it('carries every file the server reads through projectPath()', async () => {
    const paths = [...(await readServerSources(root)).values()].flatMap(projectPathsIn);
    assert.ok(paths.length >= 5, 'projectPath calls found');
    assert.deepEqual(paths.filter((path) => !coveredByArtefact(path)), []);
    assert.equal(coveredByArtefact('assets/new-file.json'), false);
    const build = JSON.parse(await readFile(join(root, 'tsconfig.build.json'), 'utf8')) as { files?: string[] };
    assert.deepEqual(build.files, [...PACKAGED_SCRIPTS], 'the scripts the package runs are the ones tsconfig.build.json compiles');
  });

  it('has a package.json with a start script equal to the App Service start command and no build script', async () => {
    const deployed = deployPackageJson(await readPkg());
    assert.deepEqual(deployed.scripts, { start: START_COMMAND, 'data-key:rotate': ROTATE_COMMAND });
    assert.deepEqual(deployed.dependencies, (await readPkg()).dependencies);
    const appService = await readFile(join(root, 'infra/modules/app-service.bicep'), 'utf8');
    assert.match(appService, new RegExp(`appCommandLine: '${START_COMMAND.replace(/\./g, '\\.')}'`));
  });

  it('is what atk deploy uploads, after building it', async () => {
    const project = parseYaml(await readFile(join(root, 'm365agents.yml'), 'utf8')) as { deploy: { uses: string; with?: Record<string, unknown> }[] };
    const steps = project.deploy.map((step) => [step.uses, step.with?.['args'] ?? step.with?.['artifactFolder']]);
    assert.deepEqual(steps.slice(0, 2), [['cli/runNpmCommand', 'ci'], ['cli/runNpmCommand', 'run package:deploy']]);
    assert.deepEqual(steps[2], ['azureAppService/zipDeploy', `./${DEPLOY_DIR}`]);
    const pkg = await readPkg();
    assert.match(pkg.scripts?.['package:deploy'] ?? '', /^npm run build && tsx scripts\/package-deploy\.ts$/);
    assert.ok((await readFile(join(root, '.gitignore'), 'utf8')).split('\n').includes('build/'));
  });

  describe('built and started with production dependencies only', function () {
    this.timeout(180_000);
    let work: string;
    before(async () => {
      work = await mkdtemp(join(tmpdir(), 'lk-deploy-'));
    });
    after(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('holds the built server and its files, and refuses an incomplete build', async () => {
      const dist = join(work, 'dist');
      await assert.rejects(assembleDeployPackage({ root, distDir: dist, outDir: join(work, 'app') }), /run npm run build first/);
      // The server as tsc builds it; the tab's Vite build is static files, stood in for by one page.
      await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { cwd: root });
      await mkdir(join(dist, 'tab'), { recursive: true });
      await writeFile(join(dist, 'tab', 'index.html'), '<!doctype html><html><head></head><body></body></html>\n');
      const app = await assembleDeployPackage({ root, distDir: dist, outDir: join(work, 'app') });
      assert.deepEqual(await checkDeployPackage(app), []);
      // The data key rotation runs from the package too (App Service SSH console), from production code only.
      assert.ok((await readFile(join(app, 'dist/scripts/data-key-rotate.js'), 'utf8')).includes('resealOutdated'));
      assert.equal(await readFile(join(app, 'package-lock.json'), 'utf8'), await readFile(join(root, 'package-lock.json'), 'utf8'));
    });

    it('answers /healthz when started as App Service starts it, with only the production dependency set installed', async () => {
      const app = join(work, 'app');
      // node_modules as `npm ci --omit=dev` lays it out: the lockfile's top-level packages that are not dev-only.
      const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
      const production = Object.entries(lock.packages)
        .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev)
        .map(([path]) => path.slice('node_modules/'.length));
      assert.ok(!production.includes('typescript') && !production.includes('vite'), 'build tools are dev-only');
      for (const name of production) {
        await mkdir(join(app, 'node_modules', name, '..'), { recursive: true });
        await symlink(join(root, 'node_modules', name), join(app, 'node_modules', name), 'dir').catch(() => undefined);
      }
      const [command, ...args] = START_COMMAND.split(' ');
      assert.equal(command, 'node');
      const child = spawn(process.execPath, args, {
        cwd: app,
        env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(work, 'data.db'), SCHEDULER_TICK_SECONDS: '0', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      try {
        const port = await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
          const onData = (chunk: Buffer): void => {
            output += chunk.toString();
            const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
            if (match) {
              clearTimeout(timer);
              resolve(Number(match[1]));
            }
          };
          child.stdout.on('data', onData);
          child.stderr.on('data', onData);
          child.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`the server stopped (${code}):\n${output}`));
          });
        });
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        assert.equal(response.status, 200, output);
      } finally {
        child.kill('SIGTERM');
      }
    });

    it('runs the data key rotation from the package with the same production dependencies', async () => {
      const [command, ...args] = ROTATE_COMMAND.split(' ');
      assert.equal(command, 'node');
      const env = { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', SQLITE_PATH: join(work, 'rotate.db'), DATA_KEY: Buffer.alloc(32, 3).toString('base64'), LOG_LEVEL: 'info' };
      const { stdout } = await run(process.execPath, args, { cwd: join(work, 'app'), env });
      assert.match(stdout, /every sealed value is under the current data key/);
    });
  });
});
