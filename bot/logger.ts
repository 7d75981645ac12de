import pino from 'pino';

/** Fields never written to the log as they are: secrets, and what a person typed or is called. */
const SECRET_FIELDS = ['authorization', 'token', 'password', 'cookie', 'text', 'displayName', 'name', 'answers', 'email', 'userPrincipalName'];

/** Fields that hold a URL: written without their query string (a "my data" link carries its token there). */
const URL_FIELDS = ['url', 'href', 'link'];

/** Where pino looks for them: at the top level, one level down, and in request headers. */
const REDACT_PATHS = [...SECRET_FIELDS, ...URL_FIELDS].flatMap((field) => [field, `*.${field}`]).concat(['req.headers.authorization', 'req.headers.cookie', 'headers.authorization']);

/** A URL without its query string and fragment. */
export function withoutQuery(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/[?#].*$/s, value.includes('?') || value.includes('#') ? '?[redacted]' : '') : value;
}

/** pino's redaction options for the process logger (exported for tests that build their own logger). */
export const redaction: pino.LoggerOptions['redact'] = {
  paths: REDACT_PATHS,
  censor: (value: unknown, path: string[]) => (URL_FIELDS.includes(path.at(-1) ?? '') ? withoutQuery(value) : '[redacted]'),
};

/**
 * The process logger: structured JSON lines on stdout (pino).
 * @remarks Redacts tokens, authorization headers and personal fields, and strips query strings from URLs.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, base: { app: 'laerekraft' }, redact: redaction }, destination);
}
