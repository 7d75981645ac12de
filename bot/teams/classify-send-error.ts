import { SendFailure } from '../core/delivery.js';

/** The verdicts {@link classifySendError} gives: what Teams answered, as the codes the leader sees. */
export type SendFailureReason = 'blocked' | 'notFound' | 'throttled' | 'transient' | 'rejected';

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

/** The HTTP status a failed Bot Connector (or botbuilder) call carries, if it was answered. */
export function httpStatusOf(error: unknown): number | undefined {
  return statusOf(shape(error));
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
 * The one send-failure classifier: turns whatever a Bot Connector or botbuilder call threw into a {@link SendFailure},
 * the outbox's verdict (a failure that already is one is returned as it is).
 * @remarks 403 → blocked and 404 → notFound (permanent); 429 → throttled (with its Retry-After); 408, 412 and 5xx
 * other than 501/505, and socket errors and timeouts → transient; any other 4xx → rejected (permanent). A programming
 * error (TypeError, RangeError, ReferenceError, SyntaxError) is rejected, since trying again cannot help; any other
 * error without a status is taken as transient.
 */
export function classifySendError(error: unknown, now: number = Date.now()): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = shape(error);
  const status = statusOf(e);
  const wait = retryAfterMs(e.response?.headers ?? e.headers, now);
  const text = describe(e);
  const failure = (reason: SendFailureReason, permanent: boolean, message: string, retryAfter?: number): SendFailure =>
    new SendFailure(reason, permanent, { statusCode: status, retryAfterMs: retryAfter, message, cause: error });
  if (status === 403) return failure('blocked', true, `Blocked (403): ${text}`);
  if (status === 404) return failure('notFound', true, `Conversation not found (404): ${text}`);
  if (status === 429) return failure('throttled', false, `Throttled (429): ${text}`, wait);
  if (status === 408 || status === 412 || (status !== undefined && status >= 500 && status !== 501 && status !== 505)) {
    return failure('transient', false, `Transient failure (${status}): ${text}`, wait);
  }
  if (status !== undefined) return failure('rejected', true, `Rejected (${status}): ${text}`);
  if (isNetworkError(e)) return failure('transient', false, `Network failure: ${text}`);
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) {
    return failure('rejected', true, `Failed: ${text}`);
  }
  return failure('transient', false, `Failed: ${text}`);
}
