import { LRUCache } from 'lru-cache';
import type { ConversationRepository } from '../../core/ports.js';

/**
 * Skips writing a conversation reference that has not changed since this process last wrote it (every turn refreshes
 * one, and almost always it is the same). Bounded; `forget` drops an entry when the row is deleted.
 */
export class CachedConversationRepository implements ConversationRepository {
  private readonly written = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly inner: ConversationRepository) {}

  async save(tenantId: string, key: string, reference: unknown, at: Date): Promise<void> {
    const cacheKey = `${tenantId}/${key}`;
    const json = JSON.stringify(reference);
    if (this.written.get(cacheKey) === json) return;
    await this.inner.save(tenantId, key, reference, at);
    this.written.set(cacheKey, json);
  }

  find(tenantId: string, key: string): Promise<unknown> {
    return this.inner.find(tenantId, key);
  }

  async forget(tenantId: string, key: string): Promise<void> {
    this.written.delete(`${tenantId}/${key}`);
    await this.inner.forget(tenantId, key);
  }
}
