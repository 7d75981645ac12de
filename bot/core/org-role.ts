/**
 * A person's role in the organisation (the municipality), from the Entra ID app roles assigned to them.
 * @remarks `administrator` decides the tenant's settings; `competenceUnit` (HR / competence unit) reads the
 * organisation's aggregates; `unionRepresentative` reads the same aggregates and the settings audit log, read-only;
 * `courseOwner` publishes the organisation's own course packs from the tab (as `administrator` may too).
 */
export type OrgRole = 'administrator' | 'competenceUnit' | 'unionRepresentative' | 'courseOwner';

/** Every organisation role, in a stable order. */
export const orgRoles: readonly OrgRole[] = Object.freeze(['administrator', 'competenceUnit', 'unionRepresentative', 'courseOwner']);

/** The Entra ID app-role value (the `roles` claim) of each organisation role, as declared on the tab's app registration. */
export const appRoleValues: Readonly<Record<OrgRole, string>> = Object.freeze({
  administrator: 'Administrator',
  competenceUnit: 'CompetenceUnit',
  unionRepresentative: 'UnionRepresentative',
  courseOwner: 'CourseOwner',
});

/** The organisation roles named by a token's `roles` claim; unknown values and non-strings are ignored, duplicates dropped. */
export function orgRolesFromClaim(claim: unknown): readonly OrgRole[] {
  if (!Array.isArray(claim)) return Object.freeze([]);
  const values = new Set(claim.filter((value): value is string => typeof value === 'string'));
  return Object.freeze(orgRoles.filter((role) => values.has(appRoleValues[role])));
}

/** True when the roles include at least one of those allowed. */
export function hasOrgRole(roles: readonly OrgRole[], ...allowed: readonly OrgRole[]): boolean {
  return allowed.some((role) => roles.includes(role));
}
