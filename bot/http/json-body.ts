import type { Next, Request, RequestHandler, Response } from 'restify';

/** The largest request body any route accepts, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/** True when the request says it carries a body. */
function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? '0');
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

function refuse(res: Response, next: Next, status: 400 | 413 | 415, code: string, message: string): void {
  if (status === 413) res.header('connection', 'close');
  res.send(status, { code, message });
  next(false);
}

/**
 * Refuses before routing any request whose declared body is larger than {@link MAX_BODY_BYTES} (413), on every route.
 * @remarks Nothing is read; routes that take no body never read one.
 */
export function bodyLimit(maxBytes = MAX_BODY_BYTES): RequestHandler {
  return (req, res, next) => {
    if (Number(req.headers['content-length'] ?? '0') > maxBytes) return refuse(res, next, 413, 'PayloadTooLarge', 'Request body too large');
    return next();
  };
}

/**
 * Reads a JSON body into `req.body` (undefined when there is none), held in memory only and never written anywhere.
 * @remarks 415 for another content type or a content encoding (no multipart, no form, no gzip), 413 beyond `maxBytes`
 * (the rest is read and dropped), 400 for malformed JSON. Register it only on routes that take JSON, after any check
 * that should come first (authentication).
 */
export function jsonBody(maxBytes = MAX_BODY_BYTES): RequestHandler {
  return (req, res, next) => {
    req.body = undefined;
    if (!hasBody(req)) return next();
    const encoding = req.headers['content-encoding'];
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if ((encoding !== undefined && encoding !== 'identity') || !JSON_TYPE.test(type)) {
      return refuse(res, next, 415, 'UnsupportedMediaType', 'Only application/json is accepted');
    }
    if (Number(req.headers['content-length'] ?? '0') > maxBytes) return refuse(res, next, 413, 'PayloadTooLarge', 'Request body too large');
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (outcome: () => void): void => {
      if (finished) return;
      finished = true;
      outcome();
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once('end', () =>
      finish(() => {
        if (received > maxBytes) return refuse(res, next, 413, 'PayloadTooLarge', 'Request body too large');
        try {
          req.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        } catch {
          return refuse(res, next, 400, 'BadRequest', 'Malformed JSON');
        }
        return next();
      }),
    );
    req.once('error', () => finish(() => next(false)));
    req.once('aborted', () => finish(() => next(false)));
    req.resume();
  };
}
