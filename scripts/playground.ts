/**
 * `npm run playground`: Microsoft's offline Teams emulator (the Microsoft 365 Agents Playground)
 * against a Lærekraft that is already running (`npx tsx bot/index.ts` in another terminal).
 *
 * - Bot endpoint: `BOT_ENDPOINT`, else http://127.0.0.1:$PORT/api/messages (PORT defaults to 3978).
 *   127.0.0.1 rather than localhost: in local mode the bot listens on 127.0.0.1 only, and localhost
 *   may resolve to ::1 first.
 * - Web page and API on `PLAYGROUND_PORT` (default 56150; the playground picks a random port when
 *   that one is busy, and this script prints the one it got).
 * - Channel msteams, telemetry off (`--dt`), the mock users and chats of .m365agentsplayground.yml.
 * - The playground opens a browser itself unless `TEAMSAPPTESTER_BROWSER=none`; this script sets that
 *   when there is no display (Linux without DISPLAY or WAYLAND_DISPLAY, or CI=true), where opening
 *   one would make it exit with code 1. Set `TEAMSAPPTESTER_BROWSER` yourself to override.
 * - Its own log: devTools/m365agentsplayground.log (or `M365_AGENTS_PLAYGROUND_LOGFILE`).
 * Arguments after `--` go to the playground, e.g. `npm run playground -- --conversation-id test`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const botEndpoint = process.env.BOT_ENDPOINT ?? `http://127.0.0.1:${process.env.PORT ?? '3978'}/api/messages`;
const port = process.env.PLAYGROUND_PORT ?? '56150';
const configPath = process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ?? join(root, '.m365agentsplayground.yml');
const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(root, 'devTools', 'm365agentsplayground.log');

/** True when a browser window could be opened on this machine. */
function hasDisplay(): boolean {
  if (process.env.CI === 'true') return false;
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

const browser = process.env.TEAMSAPPTESTER_BROWSER ?? (hasDisplay() ? undefined : 'none');

async function botAnswers(): Promise<boolean> {
  try {
    return (await fetch(new URL('/healthz', botEndpoint), { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

if (!(await botAnswers())) {
  process.stderr.write(
    `Lærekraft does not answer at ${new URL('/healthz', botEndpoint).href}.\n` +
      'Start it in another terminal with `npx tsx bot/index.ts`, then (re)load the playground page: the page opens the chats only once the bot answers.\n\n',
  );
}

const child = spawn(
  process.execPath,
  [join(root, 'node_modules', '.bin', 'agentsplayground'), '-e', botEndpoint, '-c', 'msteams', '-p', port, '--dt', ...process.argv.slice(2)],
  {
    cwd: root,
    // stdout is a pipe, so the playground prints only "Listening on <port>" there and the rest to its log file.
    stdio: ['inherit', 'pipe', 'inherit'],
    env: {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      ...(browser === undefined ? {} : { TEAMSAPPTESTER_BROWSER: browser }),
    },
  },
);

createInterface({ input: child.stdout! }).on('line', (line) => {
  const listening = /^Listening on (\d+)$/.exec(line);
  if (!listening) {
    process.stdout.write(`${line}\n`);
    return;
  }
  const url = `http://localhost:${listening[1]}`;
  process.stdout.write(
    [
      `Microsoft 365 Agents Playground is running: open ${url} in a browser${browser === 'none' ? '' : ' (it tries to open one for you)'}.`,
      `  Bot endpoint: ${botEndpoint}`,
      `  Mock Teams users and chats: ${configPath}`,
      `  Playground log: ${logFile}`,
      '  It sends every activity with locale en-US, so the bot answers in English until you type "språk nb" (or "språk nn").',
      '  Stop it with Ctrl-C.',
      '',
    ].join('\n'),
  );
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (code !== 0 && code !== null) process.stderr.write(`The playground exited with code ${code}; see ${logFile}.\n`);
  process.exit(code ?? (signal ? 0 : 1));
});
