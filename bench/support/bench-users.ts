import { ids, type TestUser } from '../../tests/helpers/activities.js';

/** One simulated person: Teams identity, Teams locale and, for some, a stored language choice. */
export type BenchUser = {
  readonly index: number;
  readonly user: TestUser;
  readonly locale: string;
  /** Set for every seventh person, as if they had used the `språk` command. */
  readonly storedLanguage: string | undefined;
};

/** The tenant every simulated person belongs to (the test tenant of the activity builders). */
export const benchTenant = ids.tenant;

/** The simulated person number `index`; the same index always gives the same person. */
export function benchUser(index: number): BenchUser {
  const n = String(index).padStart(12, '0');
  const bucket = index % 10;
  return {
    index,
    user: { id: `29:bench-${n}`, aadObjectId: `b3c0e5e0-0000-4000-8000-${n}`, name: `Bench Person ${index}` },
    locale: bucket < 7 ? 'nb-NO' : bucket < 9 ? 'nn-NO' : 'en-GB',
    storedLanguage: index % 7 === 3 ? 'nn' : undefined,
  };
}

/** How many lessons person `index` has read before the run: 0 … lessonCount − 1, so `neste` always has a lesson to send. */
export function lessonsReadBefore(index: number, lessonCount: number): number {
  return index % lessonCount;
}
