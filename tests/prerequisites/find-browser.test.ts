import assert from 'node:assert/strict';
import { browserSuiteDecision, candidatePaths, findBrowser, type FinderDeps, type RunResult } from '../../scripts/find-browser.js';

/** A fake machine: the files that exist, what each command returns, and a record of what ran and was said. */
function machine(options: {
  readonly files?: readonly string[];
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  readonly uid?: number;
  readonly run?: (command: string, args: readonly string[], files: Set<string>) => RunResult;
}) {
  const files = new Set(options.files ?? []);
  const ran: string[] = [];
  const said: string[] = [];
  const deps: FinderDeps = {
    exists: (path) => files.has(path),
    run: (command, args) => {
      ran.push([command, ...args].join(' '));
      return options.run?.(command, args, files) ?? { status: 1, output: '' };
    },
    platform: options.platform ?? 'linux',
    env: options.env ?? {},
    uid: options.uid,
    log: (line) => said.push(line),
  };
  return { deps, ran, said, files };
}

/** apt-get that installs Debian's Chromium when asked to. */
function aptInstalls(command: string, args: readonly string[], files: Set<string>): RunResult {
  if (args.includes('install') && args.includes('chromium')) files.add('/usr/bin/chromium');
  return { status: 0, output: '' };
}

describe('finding a browser for the browser suites', function () {
  it('takes CHROMIUM_PATH first, and does not install when it points nowhere', function () {
    const set = machine({ files: ['/opt/my/chrome', '/usr/bin/chromium'], env: { CHROMIUM_PATH: '/opt/my/chrome' } });
    assert.deepEqual(findBrowser(set.deps, { install: true }), { found: true, path: '/opt/my/chrome', installed: false });
    const missing = machine({ files: ['/usr/bin/apt-get'], env: { CHROMIUM_PATH: '/nowhere/chrome' }, uid: 0, run: aptInstalls });
    const result = findBrowser(missing.deps, { install: true });
    assert.equal(result.found, false);
    assert.match(!result.found ? result.reason : '', /CHROMIUM_PATH is \/nowhere\/chrome/);
    assert.deepEqual(missing.ran, []);
  });

  it('finds Debian’s, Ubuntu’s, Chrome or Edge on a path, without running anything', function () {
    for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome-stable', '/opt/microsoft/msedge/msedge']) {
      const set = machine({ files: [path, '/usr/bin/apt-get'], uid: 0, run: aptInstalls });
      assert.deepEqual(findBrowser(set.deps, { install: true }), { found: true, path, installed: false });
      assert.deepEqual(set.ran, []);
    }
  });

  it('knows the usual places on macOS and Windows', function () {
    const mac = machine({ platform: 'darwin', files: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'], env: { HOME: '/Users/kari' } });
    assert.deepEqual(findBrowser(mac.deps, { install: true }), { found: true, path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', installed: false });
    assert.ok(candidatePaths('darwin', { HOME: '/Users/kari' }).includes('/Users/kari/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const windows = machine({ platform: 'win32', files: [edge], env: { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\kari\\AppData\\Local' } });
    assert.deepEqual(findBrowser(windows.deps, { install: true }), { found: true, path: edge, installed: false });
  });

  it('installs Debian’s chromium through apt-get as root, saying so in one line', function () {
    const set = machine({ files: ['/usr/bin/apt-get'], uid: 0, run: aptInstalls });
    assert.deepEqual(findBrowser(set.deps, { install: true }), { found: true, path: '/usr/bin/chromium', installed: true });
    assert.deepEqual(set.ran, ['env DEBIAN_FRONTEND=noninteractive apt-get update -qq', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
    assert.equal(set.said.length, 1);
    assert.match(set.said[0]!, /installing Debian's chromium with apt-get/);
  });

  it('installs through passwordless sudo when not root', function () {
    const set = machine({ files: ['/usr/bin/apt-get'], uid: 1000, run: aptInstalls });
    assert.deepEqual(findBrowser(set.deps, { install: true }), { found: true, path: '/usr/bin/chromium', installed: true });
    assert.deepEqual(set.ran, ['sudo -n true', 'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq', 'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
  });

  it('installs nothing without root, without apt-get, or when not asked to', function () {
    const noSudo = machine({ files: ['/usr/bin/apt-get'], uid: 1000, run: () => ({ status: 1, output: 'sudo: a password is required' }) });
    const result = findBrowser(noSudo.deps, { install: true });
    assert.match(!result.found ? result.reason : '', /needs root or passwordless sudo/);
    assert.deepEqual(noSudo.ran, ['sudo -n true']);
    const noApt = machine({ uid: 0, run: aptInstalls });
    assert.match((findBrowser(noApt.deps, { install: true }) as { reason: string }).reason, /no apt-get/);
    assert.deepEqual(noApt.ran, []);
    const notAsked = machine({ files: ['/usr/bin/apt-get'], uid: 0, run: aptInstalls });
    assert.equal(findBrowser(notAsked.deps, { install: false }).found, false);
    assert.deepEqual(notAsked.ran, []);
  });

  it('reports a failed apt-get with the end of its output', function () {
    const set = machine({ files: ['/usr/bin/apt-get'], uid: 0, run: (_command, args) => ({ status: args.includes('update') ? 100 : 0, output: 'E: Could not resolve deb.debian.org\n' }) });
    const result = findBrowser(set.deps, { install: true });
    assert.equal(result.found, false);
    assert.match(!result.found ? result.reason : '', /apt-get update -qq failed \(exit 100\): E: Could not resolve deb\.debian\.org/);
    assert.equal(set.ran.length, 1);
  });

  it('runs the suite with a browser, skips it with a notice outside CI, and fails under CI=true', function () {
    assert.deepEqual(browserSuiteDecision({ found: true, path: '/usr/bin/chromium', installed: false }, {}, 'the tab in Chromium'), { run: true, path: '/usr/bin/chromium' });
    const none = findBrowser(machine({}).deps, { install: true });
    const skipped = browserSuiteDecision(none, { CI: 'false' }, 'the tab in Chromium');
    assert.ok('notice' in skipped);
    assert.match(skipped.notice, /^NOTICE: no Chromium, Google Chrome or Microsoft Edge found, and this machine has no apt-get to install one with; skipping the browser suite "the tab in Chromium"\. To run it, install Chromium/);
    assert.match(skipped.notice, /CHROMIUM_PATH/);
    const failed = browserSuiteDecision(none, { CI: 'true' }, 'the tab in Chromium');
    assert.ok('error' in failed);
    assert.match(failed.error, /^A browser is required when CI=true: no Chromium/);
  });
});
