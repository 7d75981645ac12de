import { AsyncLocalStorage } from 'node:async_hooks';

/** What the Messenger tells the HTTP layer about the attempt it is running. */
export type SendScope = { readonly attempt: number };

const storage = new AsyncLocalStorage<SendScope>();

/** Runs one attempt of a Messenger send, so Bot Connector calls made inside it know the Messenger does the retrying. */
export function runInSendScope<T>(scope: SendScope, attempt: () => Promise<T>): Promise<T> {
  return storage.run(scope, attempt);
}

/** The Messenger attempt the current call belongs to, if any. */
export function currentSendScope(): SendScope | undefined {
  return storage.getStore();
}
