import type { TeamOwnerDirectory } from '../core/ports.js';
import type { Team } from '../core/team.js';

/** Nobody is an owner: used when Microsoft Graph is not configured. */
export const noTeamOwners: TeamOwnerDirectory = { isOwner: async () => false };

type GraphMember = { readonly roles?: readonly string[]; readonly userId?: string };

/**
 * Team owners from Microsoft Graph (`GET /teams/{group-id}/members`), allowed by the resource-specific
 * permission TeamMember.Read.Group that the team grants when it installs the app.
 * @remarks Answers false on any Graph failure: nobody gains leader rights from an error.
 */
export class GraphTeamOwners implements TeamOwnerDirectory {
  constructor(
    private readonly options: {
      readonly baseUrl: string;
      readonly token: (tenantId: string) => Promise<string>;
      readonly onError: (error: unknown) => void;
    },
  ) {}

  async isOwner(team: Team, userId: string): Promise<boolean> {
    if (!team.aadGroupId) return false;
    try {
      let url: string | undefined = `${this.options.baseUrl}/teams/${encodeURIComponent(team.aadGroupId)}/members?$filter=${encodeURIComponent("roles/any(r:r eq 'owner')")}`;
      while (url) {
        const response = await fetch(url, { headers: { authorization: `Bearer ${await this.options.token(team.tenantId)}` } });
        if (!response.ok) throw new Error(`Graph answered ${response.status}`);
        const body = (await response.json()) as { value?: GraphMember[]; '@odata.nextLink'?: string };
        if ((body.value ?? []).some((member) => member.userId === userId && (member.roles ?? []).includes('owner'))) return true;
        url = body['@odata.nextLink'];
      }
      return false;
    } catch (error) {
      this.options.onError(error);
      return false;
    }
  }
}
