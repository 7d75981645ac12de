import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';

/** Content types of the files Vite writes into the tab's build. */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
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
 * @remarks `/tab` and `/tab/` answer index.html (never cached, so a deploy shows at once); hashed assets are cached
 * for a year; anything missing, a folder, or a path that leaves `distDir` is 404.
 */
export function registerTab(server: Server, distDir: string, options: TabOptions = {}): void {
  const root = resolve(distDir);
  const meta = options.clientId ? `<meta name="laerekraft-client-id" content="${escapeAttribute(options.clientId)}" />` : '';

  const serve = async (req: Request, res: Response, relative: string): Promise<void> => {
    const file = fileFor(root, relative === '' ? 'index.html' : relative);
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(info === undefined && file?.endsWith(`${sep}index.html`) ? 'The tab is not built: run npm run build.\n' : 'Not found\n');
      return;
    }
    const extension = extname(file).toLowerCase();
    const headers: Record<string, string | number> = {
      'content-type': contentTypes[extension] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    };
    if (extension === '.html') {
      const html = (await readFile(file, 'utf8')).replace('<head>', `<head>${meta}`);
      const body = Buffer.from(html, 'utf8');
      Object.assign(headers, { 'cache-control': 'no-cache', 'content-length': body.length, 'content-security-policy': TAB_CSP });
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    headers['cache-control'] = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    headers['content-length'] = info.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(file);
      stream.on('error', () => (res.destroy(), done()));
      stream.on('end', () => done());
      stream.pipe(res);
    });
  };

  const index = async (req: Request, res: Response): Promise<void> => serve(req, res, '');
  const rest = async (req: Request, res: Response): Promise<void> => serve(req, res, String((req.params as Record<string, unknown>)['*'] ?? ''));
  server.get('/tab', index);
  server.head('/tab', index);
  server.get('/tab/*', rest);
  server.head('/tab/*', rest);
}

/** The file under `root` that a URL path names, or undefined when it is malformed or leaves `root`. */
function fileFor(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const file = resolve(root, `.${sep}${decoded}`);
  return file.startsWith(`${root}${sep}`) ? file : undefined;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
