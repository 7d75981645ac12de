import type {
  ApiError,
  OrgKnowledgeView,
  TeamKnowledgeView,
  DevIdentity,
  LessonContent,
  MeResponse,
  MessagesResponse,
  MyCourse,
  MyReflection,
  OrgPlanView,
  OrgReportView,
  TeamHeadlineView,
  TeamsOverviewView,
  ReflectionUpdate,
  SchedulesResponse,
  ScheduleTimesRequest,
  StageContent,
  StageItemsResponse,
  SetupForm,
  SetupRequest,
  SetupSaved,
  TeamDashboard,
} from '../../bot/http/contracts';

/** A refused or failed API call, with the server's problem (its message is in the caller's language). */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

/** Headers that say who is calling: a bearer token in Teams, `X-Dev-User` in local developer mode. */
export type AuthHeaders = () => Promise<Readonly<Record<string, string>>>;

/** A file the API answered with. */
export type Download = { readonly blob: Blob; readonly filename: string };

/** Calls `/api/v1/*` with the caller's identity and language. */
export type ApiClient = {
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  download(path: string, fallbackName: string): Promise<Download>;
};

/** Options for {@link createApiClient}. */
export type ApiClientOptions = {
  readonly auth: AuthHeaders;
  readonly language: string;
  /** The problem to report when the server answered without one (or did not answer: status 0). */
  readonly fallback: (status: number) => ApiError;
};

/** An API client over `fetch`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  async function send(method: string, path: string, body: unknown, accept: string): Promise<Response> {
    let identity: Readonly<Record<string, string>>;
    try {
      identity = await options.auth();
    } catch {
      // No token (Teams refused single sign-on, or consent is missing): the same as the server's 401.
      throw new ApiFailure(401, options.fallback(401));
    }
    const headers: Record<string, string> = { accept, 'accept-language': options.language, ...identity };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw new ApiFailure(0, options.fallback(0));
    }
    if (!response.ok) throw new ApiFailure(response.status, await problemOf(response, options.fallback));
    return response;
  }
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await send(method, path, body, 'application/json');
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async download(path, fallbackName) {
      const response = await send('GET', path, undefined, 'text/csv');
      const disposition = response.headers.get('content-disposition') ?? '';
      const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
      const filename = match ? decodeURIComponent(match[1] ?? match[2] ?? fallbackName) : fallbackName;
      return { blob: await response.blob(), filename };
    },
  };
}

async function problemOf(response: Response, fallback: (status: number) => ApiError): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ApiError>;
    if (typeof body.message === 'string' && typeof body.code === 'string') return body as ApiError;
  } catch {
    // Not JSON: use the page's own message.
  }
  return fallback(response.status);
}

const team = (teamId: string): string => `/api/v1/teams/${encodeURIComponent(teamId)}`;
const lesson = (lessonId: string): string => encodeURIComponent(lessonId);
/** `?course=<id>` for one of a team's courses (nothing: the server's choice, the team's latest course). */
const course = (courseId: string | undefined): string => (courseId ? `?${new URLSearchParams({ course: courseId }).toString()}` : '');

/** The tab API's endpoints, typed as in bot/http/contracts.ts. */
export const api = {
  /** The tab's messages; public, so the developer identity picker can be labelled before anyone is chosen. */
  async messages(language: string): Promise<MessagesResponse> {
    const response = await fetch(`/api/v1/i18n/${encodeURIComponent(language)}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`messages: ${response.status}`);
    return (await response.json()) as MessagesResponse;
  },
  /** People to act as in local developer mode. */
  async devIdentities(): Promise<readonly DevIdentity[]> {
    const response = await fetch('/api/v1/dev/identities', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`dev identities: ${response.status}`);
    return (await response.json()) as DevIdentity[];
  },
  me: (client: ApiClient) => client.request<MeResponse>('GET', '/api/v1/me'),
  dashboard: (client: ApiClient, teamId: string, courseId?: string) => client.request<TeamDashboard>('GET', `${team(teamId)}/dashboard${course(courseId)}`),
  exportCsv: (client: ApiClient, teamId: string, fallbackName: string, courseId?: string) => client.download(`${team(teamId)}/export.csv${course(courseId)}`, fallbackName),
  schedule: (client: ApiClient, teamId: string, kind: 'lesson' | 'reflection', action: 'pause' | 'resume' | 'send-now', courseId?: string) =>
    client.request<SchedulesResponse>('POST', `${team(teamId)}/schedules/${kind}/${action}${course(courseId)}`),
  scheduleTimes: (client: ApiClient, teamId: string, body: ScheduleTimesRequest, courseId?: string) =>
    client.request<SchedulesResponse>('PATCH', `${team(teamId)}/schedule-times${course(courseId)}`, body),
  setupForm: (client: ApiClient, teamId: string, courseId?: string) => client.request<SetupForm>('GET', `${team(teamId)}/setup${course(courseId)}`),
  saveSetup: (client: ApiClient, teamId: string, body: SetupRequest) => client.request<SetupSaved>('PUT', `${team(teamId)}/setup`, body),
  myCourse: (client: ApiClient) => client.request<MyCourse>('GET', '/api/v1/me/course'),
  chooseCourse: (client: ApiClient, courseId: string) => client.request<MyCourse>('PUT', '/api/v1/me/course', { courseId }),
  lesson: (client: ApiClient, lessonId: string) => client.request<LessonContent>('GET', `/api/v1/me/lessons/${lesson(lessonId)}`),
  markRead: (client: ApiClient, lessonId: string) => client.request<LessonContent>('POST', `/api/v1/me/lessons/${lesson(lessonId)}/read`),
  saveReflection: (client: ApiClient, lessonId: string, body: ReflectionUpdate) => client.request<MyReflection>('PUT', `/api/v1/me/reflections/${lesson(lessonId)}`, body),
  deleteReflection: (client: ApiClient, lessonId: string) => client.request<void>('DELETE', `/api/v1/me/reflections/${lesson(lessonId)}`),
  headline: (client: ApiClient, teamId: string, courseId?: string) => client.request<TeamHeadlineView>('GET', `${team(teamId)}/headline${course(courseId)}`),
  remindNow: (client: ApiClient, teamId: string, courseId?: string) => client.request<TeamHeadlineView>('POST', `${team(teamId)}/reminders${course(courseId)}`),
  teamsOverview: (client: ApiClient) => client.request<TeamsOverviewView>('GET', '/api/v1/me/teams-overview'),
  orgReport: (client: ApiClient, from: string, to: string) => client.request<OrgReportView>('GET', `/api/v1/org/report?${new URLSearchParams({ from, to }).toString()}`),
  orgReportCsv: (client: ApiClient, from: string, to: string, fallbackName: string) => client.download(`/api/v1/org/report?${new URLSearchParams({ from, to, format: 'csv' }).toString()}`, fallbackName),
  orgPlan: (client: ApiClient, after?: string) => client.request<OrgPlanView>('GET', `/api/v1/org/plan${after ? `?${new URLSearchParams({ after }).toString()}` : ''}`),
  orgPlanCsv: (client: ApiClient, fallbackName: string) => client.download('/api/v1/org/plan?format=csv', fallbackName),
  // cert
  certificate: (client: ApiClient, courseId: string, fallbackName: string) => client.download(`/api/v1/me/certificate?${new URLSearchParams({ courseId }).toString()}`, fallbackName),
  teamKnowledge: (client: ApiClient, teamId: string) => client.request<TeamKnowledgeView>('GET', `${team(teamId)}/knowledge`),
  orgKnowledge: (client: ApiClient) => client.request<OrgKnowledgeView>('GET', '/api/v1/org/knowledge'),
  stageItems: (client: ApiClient, teamId: string) => client.request<StageItemsResponse>('GET', `${team(teamId)}/stage-items`),
  stageContent: (client: ApiClient, teamId: string, kind: string, id: string) =>
    client.request<StageContent>('GET', `${team(teamId)}/stage/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`),
};
