import { readFileSync } from 'node:fs';
import type { Server } from 'restify';
import { projectPath } from '../paths.js';

/** Public documents the Teams manifest and the tab link to, served from docs/. */
const documents: Readonly<Record<string, string>> = {
  '/privacy': 'privacy.md',
  '/terms': 'terms.md',
  '/accessibility': 'accessibility.md',
};

/** Serves the privacy notice, the terms of use and the accessibility statement (Markdown as plain text). */
export function registerDocuments(server: Server): void {
  for (const [path, file] of Object.entries(documents)) {
    const body = readFileSync(projectPath('docs', file), 'utf8');
    server.get(path, async (_req, res) => {
      res.header('content-type', 'text/plain; charset=utf-8');
      res.header('cache-control', 'public, max-age=3600');
      res.sendRaw(200, body);
    });
  }
}
