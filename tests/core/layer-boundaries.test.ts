import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every module specifier a TypeScript source imports or re-exports: static, side-effect and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** The `.ts` files under a folder of the repository, as paths from its root. */
function sources(folder: string): string[] {
  return (readdirSync(join(root, folder), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file))
    .sort();
}

/** One import of a file: its specifier, and for a relative one the path it names, from the repository root. */
type Import = { readonly specifier: string; readonly path?: string };

/** Each file's imports. */
function importsOf(folder: string): { readonly file: string; readonly imports: readonly Import[] }[] {
  return sources(folder).map((file) => ({
    file,
    imports: specifiers(readFileSync(join(root, file), 'utf8')).map((specifier) =>
      specifier.startsWith('.') ? { specifier, path: relative(root, resolve(root, dirname(file), specifier)) } : { specifier },
    ),
  }));
}

/** `file → specifier` for each import that `bad` picks. */
function offending(folder: string, bad: (entry: Import) => boolean): string[] {
  return importsOf(folder).flatMap(({ file, imports }) => imports.filter(bad).map(({ specifier }) => `${file} → ${specifier}`));
}

/** True when `path` is `folder` or inside it. */
function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}

/** The package a bare specifier names (`@scope/name` or `name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Each name a source imports or re-exports in braces, with the specifier it comes from (`type` and `as` dropped). */
function namedImports(source: string): { readonly name: string; readonly specifier: string }[] {
  const found: { name: string; specifier: string }[] = [];
  for (const match of source.matchAll(/\b(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    for (const part of match[1]!.split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim();
      if (name !== '') found.push({ name, specifier: match[2]! });
    }
  }
  return found;
}

/**
 * Where a source reaches storage itself: a repository type (`…Repository`, imported or written as
 * `import('…').…Repository`), the `Repositories` set, or `repositories.`.
 */
function repositoryUses(source: string): string[] {
  return [
    ...namedImports(source)
      .filter(({ name }) => /Repositor(y|ies)$/.test(name))
      .map(({ name, specifier }) => `${name} from ${specifier}`),
    ...[...source.matchAll(/\bimport\(\s*['"][^'"]+['"]\s*\)\s*\.\s*([\w$]*Repositor(?:y|ies))\b/g)].map((match) => `import(…).${match[1]!}`),
    ...[...source.matchAll(/\brepositories\s*\??\./g)].map(() => 'repositories.'),
  ];
}

const frameworks = /^(botbuilder(-.+)?|botframework-.+|restify(-.+)?|kysely|pg(-.+)?|better-sqlite3|adaptivecards(-templating)?)$/;

describe('layer boundaries', function () {
  it('finds static, type-only, re-exported, side-effect and dynamic imports', function () {
    const source = [
      "import { a } from './a.js';",
      "import type {\n  B,\n  C,\n} from '../teams/b.js';",
      "export { d } from 'botbuilder';",
      "import 'pg';",
      "const e = await import('../teams/e.js');",
    ].join('\n');
    assert.deepEqual(specifiers(source).sort(), ['../teams/b.js', '../teams/e.js', './a.js', 'botbuilder', 'pg'].sort());
  });

  it('finds repository types and `repositories.` in a source', function () {
    const source = [
      "import type { Clock, EnrollmentRepository, Logger, TeamRepository as Teams } from '../../core/ports.js';",
      "import { type PersonRepository } from '../../core/ports.js';",
      "import type { Repositories } from '../../storage/repositories/index.js';",
      "type Deps = { readonly reports: import('../../core/org-report.js').OrgReportRepository };",
      'const people = input.repositories.people;',
      "import type { TeamService } from '../../core/team-service.js';",
    ].join('\n');
    assert.deepEqual(repositoryUses(source), [
      'EnrollmentRepository from ../../core/ports.js',
      'TeamRepository from ../../core/ports.js',
      'PersonRepository from ../../core/ports.js',
      'Repositories from ../../storage/repositories/index.js',
      'import(…).OrgReportRepository',
      'repositories.',
    ]);
  });

  it('bot/core imports no framework (botbuilder, restify, kysely, pg, better-sqlite3, card rendering)', function () {
    assert.ok(sources(join('bot', 'core')).length > 20, 'the core sources were found');
    assert.deepEqual(
      offending(join('bot', 'core'), ({ specifier, path }) => path === undefined && frameworks.test(packageOf(specifier))),
      [],
    );
  });

  it('bot/core imports nothing of the app outside bot/core', function () {
    assert.deepEqual(
      offending(join('bot', 'core'), ({ path }) => path !== undefined && !inside(path, join('bot', 'core'))),
      [],
    );
  });

  it('bot/http/api imports nothing from bot/teams: the tab API goes through core services', function () {
    assert.ok(sources(join('bot', 'http', 'api')).length > 5, 'the API sources were found');
    assert.deepEqual(
      offending(join('bot', 'http', 'api'), ({ path }) => path !== undefined && inside(path, join('bot', 'teams'))),
      [],
    );
  });

  it('bot/http/api reaches data only through core services: no repository type, no bot/storage, no `repositories.`', function () {
    const api = join('bot', 'http', 'api');
    assert.deepEqual(
      [
        ...offending(api, ({ path }) => path !== undefined && inside(path, join('bot', 'storage'))),
        ...sources(api).flatMap((file) => repositoryUses(readFileSync(join(root, file), 'utf8')).map((use) => `${file}: ${use}`)),
      ],
      [],
    );
  });
});
