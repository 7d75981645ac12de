import { appRoleValues, orgRoles, type OrgRole } from '../../core/org-role.js';
import type { DevIdentity } from '../contracts.js';

/** The tenant the organisation-role people belong to when no team has been seen yet (local mode only). */
export const localDevTenantId = '00000000-0000-4000-8000-00000000d0d0';

const rolePeople: Readonly<Record<OrgRole, { readonly userId: string; readonly name: string }>> = {
  administrator: { userId: 'd0000000-0000-4000-8000-0000000000a1', name: 'Astrid Berg' },
  competenceUnit: { userId: 'd0000000-0000-4000-8000-0000000000c2', name: 'Henrik Lund' },
  unionRepresentative: { userId: 'd0000000-0000-4000-8000-0000000000e3', name: 'Tone Moe' },
  courseOwner: { userId: 'd0000000-0000-4000-8000-0000000000f4', name: 'Kari Nordvik' },
};

/**
 * One developer identity for each organisation role in each tenant (local mode only), holding that role and no team.
 * @remarks They are stand-ins for people the municipality's IT assigned an app role; their picker entries send the role as `x-dev-roles`.
 */
export function devRoleIdentities(tenantIds: readonly string[]): DevIdentity[] {
  const tenants = tenantIds.length > 0 ? [...new Set(tenantIds)] : [localDevTenantId];
  return tenants.flatMap((tenantId) =>
    orgRoles.map((role) => ({ tenantId, userId: rolePeople[role].userId, name: rolePeople[role].name, teams: [], roles: [role], appRoles: [appRoleValues[role]] })),
  );
}

/** The display name of a developer role identity, for the audit log (local mode has no token to carry it). */
export function devRoleName(userId: string): string | undefined {
  return Object.values(rolePeople).find((person) => person.userId === userId)?.name;
}
