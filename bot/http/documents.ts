import { FRAME_ANCESTORS } from './static-tab.js';
import { readFileSync } from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { projectPath } from '../paths.js';
import { legalPage, pickLegalLanguage, type LegalDocument, type LegalValues } from './legal-pages.js';

/** Public documents served as plain text from docs/ (the manifest and the tab link to them). */
const textDocuments: Readonly<Record<string, string>> = {
  '/accessibility': 'accessibility.md',
};

/** The documents served as HTML pages in the reader's language, from docs/legal/. */
const legalDocuments: readonly LegalDocument[] = ['privacy', 'terms'];

/** What the privacy statement and the terms fill in; defaults are the server's own defaults. */
export type DocumentOptions = Partial<LegalValues>;

function queryLanguage(req: Request): string | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') ?? undefined;
}

/** The legal pages' Content-Security-Policy: their own inline style, no script, nothing fetched, framed only by Microsoft 365 hosts. */
const LEGAL_CSP = ["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`].join('; ');

/**
 * Serves /privacy and /terms as HTML in nb, nn or en (`?lang=` wins over Accept-Language), and the accessibility
 * statement as plain text.
 */
export function registerDocuments(server: Server, options: DocumentOptions = {}): void {
  const values: LegalValues = {
    contact: options.contact,
    retentionDays: options.retentionDays ?? 365,
    teamGraceDays: options.teamGraceDays ?? 30,
    minGroupSize: options.minGroupSize ?? 5,
  };
  for (const document of legalDocuments) {
    server.get(`/${document}`, async (req: Request, res: Response) => {
      const acceptLanguage = req.headers['accept-language'];
      const language = pickLegalLanguage(queryLanguage(req), Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage);
      res.header('content-type', 'text/html; charset=utf-8');
      res.header('content-language', language);
      res.header('vary', 'Accept-Language');
      res.header('cache-control', 'public, max-age=3600');
      // nosniff comes from securityHeaders (set here again, restify would send it twice).
      res.header('content-security-policy', LEGAL_CSP);
      res.sendRaw(200, legalPage(document, language, values));
    });
  }
  for (const [path, file] of Object.entries(textDocuments)) {
    const body = readFileSync(projectPath('docs', file), 'utf8');
    server.get(path, async (_req: Request, res: Response) => {
      res.header('content-type', 'text/plain; charset=utf-8');
      res.header('cache-control', 'public, max-age=3600');
      res.sendRaw(200, body);
    });
  }
}
