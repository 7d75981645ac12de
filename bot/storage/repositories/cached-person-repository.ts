import { LRUCache } from 'lru-cache';
import type { PersonRef } from '../../core/person.js';
import type { PersonRepository } from '../../core/ports.js';

/** How long a language choice is trusted from memory; another instance's change shows up within this time. */
const TTL_MS = 30_000;

/**
 * Keeps people's language choices in memory (bounded, short-lived), since every turn reads one.
 * @remarks Writes go to the database first and then to the cache.
 */
export class CachedPersonRepository implements PersonRepository {
  private readonly cache = new LRUCache<string, { readonly language: string | undefined }>({ max: 50_000, ttl: TTL_MS });

  constructor(private readonly inner: PersonRepository) {}

  async language(person: PersonRef): Promise<string | undefined> {
    const key = `${person.tenantId}/${person.userId}`;
    const cached = this.cache.get(key);
    if (cached) return cached.language;
    const language = await this.inner.language(person);
    this.cache.set(key, { language });
    return language;
  }

  async languages(tenantId: string, userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const languages = new Map<string, string>();
    const missing: string[] = [];
    for (const userId of userIds) {
      const cached = this.cache.get(`${tenantId}/${userId}`);
      if (!cached) missing.push(userId);
      else if (cached.language) languages.set(userId, cached.language);
    }
    if (missing.length === 0) return languages;
    const read = await this.inner.languages(tenantId, missing);
    for (const userId of missing) {
      const language = read.get(userId);
      this.cache.set(`${tenantId}/${userId}`, { language });
      if (language) languages.set(userId, language);
    }
    return languages;
  }

  async setLanguage(person: PersonRef, language: string, at: Date): Promise<void> {
    await this.inner.setLanguage(person, language, at);
    this.cache.set(`${person.tenantId}/${person.userId}`, { language });
  }

  chosenCourse(person: PersonRef): Promise<string | undefined> {
    return this.inner.chosenCourse(person);
  }

  chooseCourse(person: PersonRef, courseId: string, at: Date): Promise<void> {
    return this.inner.chooseCourse(person, courseId, at);
  }

  async remove(person: PersonRef): Promise<void> {
    await this.inner.remove(person);
    this.cache.delete(`${person.tenantId}/${person.userId}`);
  }
}
