import pino from 'pino';

/** The process logger: structured JSON lines on stdout (pino). */
export function createLogger(level: string): pino.Logger {
  return pino({ level, base: { app: 'laerekraft' } });
}
