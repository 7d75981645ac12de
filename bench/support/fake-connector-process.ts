/**
 * A minimal Bot Connector for the benchmark, run as its own process so its CPU does not compete with the
 * load generator's event loop. It answers every request at once with `{id}` and only counts and checks
 * (byte searches, no JSON parsing) what the bots post, so it stays cheap.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verbs } from '../../cards/verbs.js';
import { serveControl, type ConnectorCounts, type Expectation } from './ipc.js';

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]*)?$/;

let expectation: Expectation | undefined;
let lessonMarkers = new Map<string, string>();
let counts = fresh();
let nextId = 0;
const verbMarker = `"verb":${JSON.stringify(verbs.lessonRead)}`;

function fresh(): { -readonly [K in keyof ConnectorCounts]: ConnectorCounts[K] } {
  return { posts: 0, matched: 0, mismatched: 0, unexpectedRequests: 0, bodyBytes: 0, connections: 0 };
}

function matches(conversationId: string, body: Buffer): boolean {
  if (!expectation) return false;
  if (expectation.kind === 'echo') return body.includes(`"text":${JSON.stringify(expectation.text)}`);
  const marker = lessonMarkers.get(conversationId);
  // An unread lesson card for the right lesson: its "I have read it" button carries the verb and the lesson id.
  return marker !== undefined && body.includes(marker) && body.includes(verbMarker);
}

function record(method: string | undefined, url: string | undefined, body: Buffer): void {
  const match = method === 'POST' ? activityPath.exec(url ?? '') : null;
  if (!match) {
    counts.unexpectedRequests += 1;
    return;
  }
  counts.posts += 1;
  counts.bodyBytes += body.length;
  if (matches(decodeURIComponent(match[1]!), body)) counts.matched += 1;
  else {
    counts.mismatched += 1;
    counts.firstMismatch ??= `${method} ${url}\n${body.toString('utf8', 0, Math.min(body.length, 1500))}`;
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    record(req.method, req.url, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    const body = `{"id":"bench-${++nextId}"}`;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => {
  counts.connections += 1;
});
server.listen(0, '127.0.0.1', () => {
  serveControl({
    port: (server.address() as AddressInfo).port,
    handle(request) {
      if (request.type === 'expect') {
        expectation = request.expectation;
        lessonMarkers =
          expectation.kind === 'lesson'
            ? new Map(Object.entries(expectation.lessonByConversation).map(([conversation, lesson]) => [conversation, `"lessonId":${JSON.stringify(lesson)}`]))
            : new Map();
        return {};
      }
      if (request.type === 'mark') counts = fresh();
      if (request.type === 'stats') return { connector: { ...counts } };
      return {};
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
});
