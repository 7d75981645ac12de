/** Counts per day, for activity over time. */
export type DailyCount = { readonly day: string; readonly count: number };

/** A member's own counts, for named progress (only where the organisation has switched it on). */
export type MemberCounts = { readonly userId: string; readonly name: string; readonly lessonsRead: number; readonly reflections: number };
