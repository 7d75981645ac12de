import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/app-package/app-files.js';
import { AppPackageInvalidError, prepareAppPackage } from '../../scripts/app-package/build-app-package.js';
import { loadTeamsSchema, newestBundledManifestVersion } from '../../scripts/app-package/bundled-schemas.js';
import { checkLocalizationCompleteness, localizableStrings } from '../../scripts/app-package/localization.js';
import { validateLocalizationSchema } from '../../scripts/app-package/schema-validation.js';
import { makeTempRepo } from './temp-repo.js';
import type { TempRepo } from './temp-repo.js';

const FILES = ['nn-NO.json', 'en.json'];

async function readJson(root: string, file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(root, 'appPackage', file), 'utf8')) as Record<string, unknown>;
}

describe('localization files', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(async () => {
    await repo.remove();
  });

  it('translate every localizable string of the manifest, and each passes the official localization schema', async () => {
    const prepared = await prepareAppPackage(repo.root, 'test');
    const schema = loadTeamsSchema(newestBundledManifestVersion(), 'localization');
    const keys = [...localizableStrings(prepared.manifest, schema).keys()];
    assert.ok(keys.includes('description.full') && keys.includes('staticTabs[1].name') && keys.includes('bots[0].commandLists[1].commands[7].description'));
    for (const file of FILES) {
      const content = await readJson(repoRoot(), file);
      assert.deepEqual(Object.keys(content).filter((key) => key !== '$schema').sort(), [...keys].sort(), file);
      assert.deepEqual(validateLocalizationSchema(content, newestBundledManifestVersion(), file), []);
    }
  });

  it('are real translations, not copies of the Bokmål text', async () => {
    const prepared = await prepareAppPackage(repo.root, 'test');
    const bokmal = localizableStrings(prepared.manifest, loadTeamsSchema(newestBundledManifestVersion(), 'localization'));
    for (const file of FILES) {
      const content = await readJson(repoRoot(), file);
      for (const key of ['description.short', 'description.full', 'bots[0].commandLists[0].commands[0].description']) {
        assert.notEqual(content[key], bokmal.get(key), `${file} ${key}`);
      }
    }
  });

  it('fail the package when a key is removed from a file, naming the file and the key', async () => {
    const content = await readJson(repo.root, 'nn-NO.json');
    delete content['bots[0].commandLists[1].commands[7].title'];
    await writeFile(join(repo.root, 'appPackage', 'nn-NO.json'), JSON.stringify(content));
    await assert.rejects(prepareAppPackage(repo.root, 'test'), (error: unknown) => {
      assert.ok(error instanceof AppPackageInvalidError);
      assert.deepEqual(error.problems, [
        'nn-NO.json (nn-NO): missing "bots[0].commandLists[1].commands[7].title"',
        "nn-NO.json (nn-NO): the command lists are not the registry's; run `npm run app:commands` to generate them from the command registry",
      ]);
      return true;
    });
  });

  it('report an empty value and a key the manifest does not have', () => {
    const schema = loadTeamsSchema(newestBundledManifestVersion(), 'localization');
    const manifest = { name: { short: 'Lærekraft' }, description: { short: 'a', full: 'b' } };
    const problems = checkLocalizationCompleteness(manifest, schema, [
      { languageTag: 'en', file: 'en.json', content: { 'name.short': 'Lærekraft', 'description.short': ' ', 'description.full': 'B', 'staticTabs[3].name': 'x' } },
    ]);
    assert.deepEqual(problems, ['en.json (en): "description.short" is empty', 'en.json (en): "staticTabs[3].name" is not a localizable string of the manifest']);
  });
});
