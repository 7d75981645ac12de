import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectRoot } from '../../bot/paths.js';

const run = promisify(execFile);

async function validate(...paths: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bot/course/validate-cli.ts', ...paths], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('course:validate', function () {
  it('validates the built-in pack when no path is given and prints one summary line', async function () {
    const { code, stdout } = await validate();
    assert.equal(code, 0);
    assert.equal(stdout, 'OK: 1 pack valid: intro-baerekraft 1.1.0 (8 lessons; nb, nn, en)\n');
  });

  it('prints every problem with file, JSON path and language, and exits with 1', async function () {
    const file = 'tests/fixtures/packs/broken/broken-pack.json';
    const { code, stdout, stderr } = await validate(file);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 9);
    assert.equal(lines[1], `${file} /content/nb/lessons/0/keyFact [nb]: is 310 characters long; the limit is 300`);
    assert.match(stderr, /9 problems in 1 of 1 pack$/m);
  });

  it('validates every *.json pack in a folder', async function () {
    const { code, stdout } = await validate('tests/fixtures/packs/valid');
    assert.equal(code, 0);
    assert.equal(stdout, 'OK: 1 pack valid: eksempel-kurs 1.0.0 (1 lesson; nb, nn, en)\n');
  });

  it('fails on a path that does not exist', async function () {
    const { code, stdout } = await validate('tests/fixtures/packs/nope.json');
    assert.equal(code, 1);
    assert.match(stdout, /^tests\/fixtures\/packs\/nope\.json \/: cannot be read: ENOENT/);
  });
});
