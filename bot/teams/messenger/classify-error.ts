import { SendFailure } from './send-failure.js';

/** Socket and DNS error codes of a request that may succeed when tried again. */
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'REQUEST_SEND_ERROR',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

type HeaderSource = { get?(name: string): string | null | undefined } | Readonly<Record<string, unknown>>;

/** Reads a header from a core-rest-pipeline `HttpHeaders`, a core-http `HttpHeadersLike` or a plain (lower-cased) record. */
function header(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') {
    const value = (headers.get as (name: string) => unknown).call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const record = headers as Readonly<Record<string, unknown>>;
  const value = record[name] ?? record[name.toLowerCase()] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * The wait a response asks for, in milliseconds: `retry-after-ms` / `x-ms-retry-after-ms` (ms), else `Retry-After`
 * as delay-seconds or an HTTP date.
 */
export function retryAfterMs(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(header(headers, name));
    if (header(headers, name) !== undefined && Number.isFinite(value) && value >= 0) return value;
  }
  const raw = header(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

type ErrorShape = {
  readonly statusCode?: unknown;
  readonly status?: unknown;
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
  readonly headers?: HeaderSource;
  readonly response?: { readonly status?: unknown; readonly headers?: HeaderSource };
  readonly cause?: unknown;
};

function shape(error: unknown): ErrorShape {
  return error !== null && typeof error === 'object' ? (error as ErrorShape) : {};
}

function httpStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;
}

/** The HTTP status of a failed Bot Connector call: `RestError.statusCode`, our `ConnectorHttpError`, or the response. */
function statusOf(error: ErrorShape): number | undefined {
  return httpStatus(error.statusCode) ?? httpStatus(error.status) ?? httpStatus(error.response?.status);
}

function isNetworkError(error: ErrorShape, depth = 0): boolean {
  if (typeof error.code === 'string' && networkCodes.has(error.code)) return true;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  return depth < 3 && error.cause !== undefined && isNetworkError(shape(error.cause), depth + 1);
}

function describe(error: ErrorShape): string {
  const code = typeof error.code === 'string' ? ` ${error.code}` : '';
  const message = typeof error.message === 'string' ? error.message : String(error);
  return `${code ? `${code.trim()}: ` : ''}${message}`.slice(0, 500);
}

/**
 * Turns whatever a Bot Connector call threw into a {@link SendFailure}.
 * @remarks 403 → blocked and 404 → notFound (permanent); 429 → throttled (with its Retry-After); 408, 412 and 5xx
 * other than 501/505, and socket errors and timeouts → transient; any other 4xx → rejected (permanent). A programming
 * error (TypeError, RangeError, ReferenceError, SyntaxError) is rejected, since trying again cannot help; any other
 * error without a status is taken as transient.
 */
export function toSendFailure(error: unknown, now: number = Date.now()): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = shape(error);
  const status = statusOf(e);
  const wait = retryAfterMs(e.response?.headers ?? e.headers, now);
  const text = describe(e);
  const failure = (() => {
    if (status === 403) return new SendFailure('blocked', true, status, undefined, `Blocked (403): ${text}`);
    if (status === 404) return new SendFailure('notFound', true, status, undefined, `Conversation not found (404): ${text}`);
    if (status === 429) return new SendFailure('throttled', false, status, wait, `Throttled (429): ${text}`);
    if (status === 408 || status === 412 || (status !== undefined && status >= 500 && status !== 501 && status !== 505)) {
      return new SendFailure('transient', false, status, wait, `Transient failure (${status}): ${text}`);
    }
    if (status !== undefined) return new SendFailure('rejected', true, status, undefined, `Rejected (${status}): ${text}`);
    if (isNetworkError(e)) return new SendFailure('transient', false, undefined, undefined, `Network failure: ${text}`);
    if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) {
      return new SendFailure('rejected', true, undefined, undefined, `Failed: ${text}`);
    }
    return new SendFailure('transient', false, undefined, undefined, `Failed: ${text}`);
  })();
  failure.cause = error;
  return failure;
}
