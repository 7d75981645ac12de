import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { projectPath, projectRoot } from '../../bot/paths.js';

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
  it('validates every built-in pack when no path is given and prints one summary line', async function () {
    const { code, stdout } = await validate();
    assert.equal(code, 0);
    assert.equal(stdout, 'OK: 2 packs valid: intro-baerekraft 1.2.0 (8 lessons; nb, nn, en); sustainable-procurement 1.0.0 (5 lessons; nb, nn, en)\n');
  });

  it('validates a YAML pack: the guide\'s example', async function () {
    const { code, stdout } = await validate('docs/examples/eksempelkurs.yaml');
    assert.equal(code, 0);
    assert.equal(stdout, 'OK: 1 pack valid: eksempelkurs 1.0.0 (1 lesson; nb, nn, en)\n');
  });

  it('prints every problem of a YAML pack with file, line, column, path and language, exactly as the guide shows', async function () {
    const file = 'tests/fixtures/packs/yaml/broken-pack.yaml';
    const { code, stdout, stderr } = await validate(file);
    assert.equal(code, 1);
    assert.match(stderr, /^5 problems in 1 of 1 pack$/m);
    const guide = readFileSync(projectPath('docs/course-authoring.md'), 'utf8');
    const shown = /```text\n(tests\/fixtures\/packs\/yaml\/broken-pack\.yaml:[\s\S]*?)\n```/.exec(guide)?.[1];
    assert.ok(shown, 'the guide shows the report of the broken YAML fixture');
    assert.equal(stdout, `${shown}\n`);
    assert.equal(stdout.trim().split('\n')[1], `${file}:16:9 /content/nb/lessons/0/minutes [nb]: must be a whole number`);
  });

  it('validates every *.json, *.yaml and *.yml pack in a folder', async function () {
    const { code, stdout } = await validate('docs/examples');
    assert.equal(code, 0);
    assert.equal(stdout, 'OK: 1 pack valid: eksempelkurs 1.0.0 (1 lesson; nb, nn, en)\n');
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
