/**
 * The servers and apps the test helpers started and that have not been stopped yet.
 * @remarks The suite runs without mocha's `--exit`, so a server left listening keeps the run from ending. A test
 * whose setup fails half way (say the app does not start because the test database's schema went away) often never
 * reaches the teardown of what it started before: its `afterEach` throws on the app it does not have and the fake
 * Bot Connector started before it stays open. The root hook below (loaded by `.mocharc.json`) stops whatever is
 * still open once every test has run, and fails the run naming it, so a leak shows as a failure, not as a hang.
 */
const open = new Map<object, { readonly what: string; readonly stop: () => Promise<void> }>();

/** Records that `owner` is open until {@link closed} is called for it; `stop` ends it if the tests never do. */
export function opened(owner: object, what: string, stop: () => Promise<void>): void {
  open.set(owner, { what, stop });
}

/** Records that `owner` was stopped. */
export function closed(owner: object): void {
  open.delete(owner);
}

/** What is open now, as readable names (for a test that checks its own teardown). */
export function openResources(): string[] {
  return [...open.values()].map((entry) => entry.what);
}

/** Mocha root hooks: after the whole run, stop what was left open and fail naming it. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    if (open.size === 0) return;
    this.timeout(30_000);
    const left = [...open.entries()];
    open.clear();
    await Promise.allSettled(left.map(([, entry]) => entry.stop()));
    throw new Error(`Left open after the tests (now stopped), usually by a setup that failed half way or a missing teardown:\n${left.map(([, entry]) => `  - ${entry.what}`).join('\n')}`);
  },
};
