/** Where a team stands: only active teams are sent anything. */
export type TeamStatus = 'active' | 'archived' | 'deleted' | 'removed';

/** A Microsoft Teams team the app is installed in. */
export type Team = {
  readonly tenantId: string;
  readonly teamId: string;
  readonly name: string;
  readonly status: TeamStatus;
  /** Bot Framework service URL for the team's region. */
  readonly serviceUrl: string;
  /** The Azure AD group id of the team, when Teams told us (needed for Graph). */
  readonly aadGroupId: string | undefined;
};

/** A standard channel of a team; the General channel's id equals the team id. */
export type TeamChannel = {
  readonly channelId: string;
  /** Empty for the General channel, whose name Teams does not send. */
  readonly name: string;
};

/** A member of a team, as the roster reports them. */
export type TeamMember = {
  /** Entra object id. */
  readonly userId: string;
  /** Teams user id (`29:…`), needed for per-user card refresh and 1:1 conversations. */
  readonly teamsUserId: string;
  readonly name: string;
};

/** How a person came to lead a team. */
export type LeaderRole = 'leader' | 'coLeader';

/** A person who leads a team in Lærekraft. */
export type TeamLeader = {
  readonly userId: string;
  readonly role: LeaderRole;
};

/** A stable key for a team: tenant and team id. */
export type TeamRef = {
  readonly tenantId: string;
  readonly teamId: string;
};

/** One course of a team: a team runs several courses side by side or one after another. */
export type CourseRef = TeamRef & { readonly courseId: string };
