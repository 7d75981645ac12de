/**
 * Disclosure control for tables of counts of people: primary suppression of small cells and secondary
 * (complementary) suppression, as official statistics do it (SSB, Eurostat's τ-ARGUS "frequency rule").
 * @remarks
 * A cell is sensitive when it counts 1 … k−1 people. Cells are tied together by additive relations (a total and its
 * parts: a team's members = completed + started + not started; a course's column = the sum over its teams). Where a
 * relation's total is shown, whatever of its parts is hidden can be added up by subtraction; so in every relation:
 * - either no part is hidden, or at least two are, and the hidden parts add up to 0 or at least k people (so neither
 *   one cell nor the small sum of several can be worked out);
 * - a hidden total whose parts are all shown is worked out by adding them up, so one part is hidden with it;
 * - a part of a shown total of 0 is 0 (counts are never negative), so hiding it protects nothing and it is not counted
 *   as hidden.
 * Secondary cells are chosen smallest first (least information lost); the rule is applied until nothing changes, so
 * every relation holds at once. Only cells become hidden, never shown again, so it always ends.
 */

/** One count in a table. */
export type Cell = { readonly id: string; readonly value: number };

/** An additive relation between cells: `total` = the sum of `parts`. */
export type Relation = { readonly total: string; readonly parts: readonly string[] };

/** Why a cell is hidden: its own count is too small (primary), or it would give a small cell away (secondary). */
export type Suppression = 'primary' | 'secondary';

/** Whether a count of people may be shown on its own: 0, or at least the minimum group size. */
export function safeCount(value: number, minGroupSize: number): boolean {
  return value === 0 || value >= minGroupSize;
}

/** A count of people out of a group as it may be shown: exact, or a band where the exact figure would point at a few people. */
export type HeadCount = { readonly exact: number } | { readonly from: number; readonly to: number };

/**
 * The one rule for a count of people out of a group of `members` shown next to that group's size (the leader's
 * headline and the team dashboard on the same page both use it): exact where neither the count nor the rest of the
 * group is 1 … k−1; otherwise a band, "1–(k−1)" for a small count and "(members−k+1)–(members−1)" for a count whose
 * rest is small, so neither the few nor the few missing can be read off or worked out by subtraction.
 */
export function headCount(count: number, members: number, minGroupSize: number): HeadCount {
  if (safeCount(count, minGroupSize) && safeCount(members - count, minGroupSize)) return { exact: count };
  return count < minGroupSize ? { from: 1, to: minGroupSize - 1 } : { from: Math.max(1, members - (minGroupSize - 1)), to: Math.max(1, members - 1) };
}

/** A head count as text: the figure ("17"), or its band ("16–19"). */
export function headCountText(count: HeadCount): string {
  return 'exact' in count ? String(count.exact) : `${count.from}–${count.to}`;
}

/**
 * The cells to hide, with why: every sensitive cell, and as few more as needed that none can be worked out.
 * @param forced cells hidden whatever their value (e.g. every figure of a team smaller than the minimum).
 */
export function suppress(cells: readonly Cell[], relations: readonly Relation[], minGroupSize: number, forced: Iterable<string> = []): ReadonlyMap<string, Suppression> {
  const value = new Map(cells.map((cell) => [cell.id, cell.value]));
  const byId = new Intl.Collator();
  const hidden = new Map<string, Suppression>();
  for (const cell of cells) if (!safeCount(cell.value, minGroupSize)) hidden.set(cell.id, 'primary');
  for (const id of forced) if (value.has(id)) hidden.set(id, 'primary');
  const of = (id: string): number => value.get(id) ?? 0;
  // Smallest first; among equal values, a non-zero before a zero (hiding a known zero protects nothing), then by id.
  // One pass for the first in that order (the order is total: ids are unique), with one collator for the ids (what
  // `a.localeCompare(b)` uses, without building it for every comparison).
  const order = (a: string, b: string): number => Number(of(a) === 0) - Number(of(b) === 0) || of(a) - of(b) || byId.compare(a, b);
  const cheapest = (ids: readonly string[]): string | undefined => {
    let best: string | undefined;
    for (const id of ids) if (best === undefined || order(id, best) < 0) best = id;
    return best;
  };

  for (let changed = true; changed; ) {
    changed = false;
    // A shown total of 0 says that every one of its parts is 0 (counts are never negative): such a part protects
    // nothing when hidden, so it does not count as a hidden part anywhere else either.
    const knownZero = new Set<string>();
    for (const relation of relations) if (value.has(relation.total) && !hidden.has(relation.total) && of(relation.total) === 0) for (const id of relation.parts) knownZero.add(id);
    for (const relation of relations) {
      const parts = relation.parts.filter((id) => value.has(id));
      if (!value.has(relation.total) || parts.length === 0) continue;
      const hiddenParts = parts.filter((id) => hidden.has(id) && !knownZero.has(id));
      // Hiding a part known to be 0 would protect nothing: the candidates are the other shown parts.
      const shownParts = parts.filter((id) => !hidden.has(id) && !knownZero.has(id));
      if (hidden.has(relation.total)) {
        // A hidden total is only hidden while at least one part is.
        if (hiddenParts.length === 0) {
          const pick = cheapest(shownParts);
          if (pick) {
            hidden.set(pick, 'secondary');
            changed = true;
          }
        }
        continue;
      }
      if (hiddenParts.length === 0) continue;
      const pooled = hiddenParts.reduce((sum, id) => sum + of(id), 0);
      if (hiddenParts.length >= 2 && safeCount(pooled, minGroupSize)) continue;
      const pick = cheapest(shownParts);
      hidden.set(pick ?? relation.total, 'secondary');
      changed = true;
    }
  }
  return hidden;
}
