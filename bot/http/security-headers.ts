import type { RequestHandler } from 'restify';

/** HSTS for a year, subdomains included (only sent outside local mode, where the server is reached over HTTPS). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers every response carries: `X-Content-Type-Options: nosniff`, a strict referrer policy and, outside local mode,
 * HSTS. The tab's HTML adds its Content-Security-Policy (see static-tab.ts).
 */
export function securityHeaders(options: { readonly https: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    if (options.https) res.setHeader('strict-transport-security', HSTS);
    return next();
  };
}
