import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import type { Request, Response, Server } from 'restify';
import send from 'send';

/**
 * Content types of the files Vite writes into the tab's build; `send` picks the type of anything else.
 * @remarks Set here so the charset is always named and scripts are `text/javascript`, whatever mime-db says.
 */
const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file name Vite gave a content hash (`index-N3QHXDKW.js`): safe to cache for a year. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Hosts allowed to frame the tab, as Microsoft's tab requirements list them: all Microsoft 365 hosts on
 * `*.cloud.microsoft`; Teams; the Microsoft 365 app; Outlook (`outlook.office.com` is also inside `*.office.com`).
 */
export const FRAME_ANCESTORS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/**
 * The tab's Content-Security-Policy.
 * @remarks Scripts only from our own origin, never inline (the built index.html has none; the client id is a
 * `<meta>`). Styles allow `'unsafe-inline'` because Fluent UI (griffel) inserts its CSS at run time and index.html
 * carries a small reset; inline style cannot run script. The tab talks only to its own API (`connect-src 'self'`);
 * teams-js speaks to the host through postMessage, which CSP does not govern. Images and fonts may be inlined by
 * the build as `data:` URLs.
 */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Options of {@link registerTab}. */
export type TabOptions = {
  /** The Entra app's client id (`AAD_APP_CLIENT_ID`), written into index.html for the tab's single sign-on. */
  readonly clientId?: string;
};

/**
 * Serves the built tab (`dist/tab`) at `/tab` and `/tab/*`.
 * @remarks `/tab`, `/tab/` and `/tab/index.html` answer index.html with the client id written in (never cached, so
 * a deploy shows at once). Every other file is served by `send` (ranges, ETag, Last-Modified, HEAD, and refusing
 * dot files and paths that leave `distDir`); hashed assets are cached for a year. Anything missing, a folder, or a
 * path that leaves `distDir` is 404.
 */
export function registerTab(server: Server, distDir: string, options: TabOptions = {}): void {
  const root = resolve(distDir);
  const meta = options.clientId ? `<meta name="laerekraft-client-id" content="${escapeAttribute(options.clientId)}" />` : '';

  const notFound = (res: Response, body = 'Not found\n'): void => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };

  const index = async (req: Request, res: Response): Promise<void> => {
    const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined);
    if (html === undefined) return notFound(res, 'The tab is not built: run npm run build.\n');
    const body = Buffer.from(html.replace('<head>', `<head>${meta}`), 'utf8');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cache-control': 'no-cache',
      'content-length': body.length,
      'content-security-policy': TAB_CSP,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const asset = async (req: Request, res: Response): Promise<void> =>
    new Promise<void>((done) => {
      // The path exactly as sent, after `/tab`: `send` decodes it once and refuses `..`, NUL and dot files itself.
      const path = (req.url ?? '').split('?')[0]!.slice('/tab'.length);
      if (path === '' || path === '/' || path === '/index.html') {
        void index(req, res).then(done, done);
        return;
      }
      send(req, path, { root, index: false, dotfiles: 'deny', cacheControl: false, etag: true, lastModified: true })
        .on('headers', (response: ServerResponse, file: string) => {
          const type = contentTypes[extname(file).toLowerCase()];
          if (type) response.setHeader('content-type', type);
          response.setHeader('x-content-type-options', 'nosniff');
          response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
          response.setHeader('cache-control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
        })
        .on('directory', () => (notFound(res), done()))
        .on('error', (error: { status?: number }) => {
          if (error.status === 400) {
            res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
            res.end('Bad request\n');
          } else notFound(res);
          done();
        })
        .on('end', () => done())
        .pipe(res);
      res.on('close', () => done());
    });

  server.get('/tab', index);
  server.head('/tab', index);
  server.get('/tab/*', asset);
  server.head('/tab/*', asset);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
