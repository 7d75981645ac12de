import type { NextStepsRoundResponse, NextStepsView, PlanItemInput, PlanItemView } from '../../bot/http/contracts';
import type { ApiClient, Download } from './api-client';

const team = (teamId: string): string => `/api/v1/teams/${encodeURIComponent(teamId)}`;
const course = (courseId: string | undefined): string => (courseId ? `?${new URLSearchParams({ course: courseId }).toString()}` : '');

/** The plan's export formats, as the API names them (`plan.md`, `plan.csv`). */
export type PlanExportFormat = 'md' | 'csv';

/** The next-steps endpoints of the tab API (bot/http/api/next-steps-routes.ts), typed as in bot/http/contracts.ts. */
export const nextStepsApi = {
  /** `courseId`: the course the round is of (next steps are per course; the plan is the team's); none: the team's latest course. */
  view: (client: ApiClient, teamId: string, courseId?: string) => client.request<NextStepsView>('GET', `${team(teamId)}/next-steps${course(courseId)}`),
  startRound: (client: ApiClient, teamId: string, courseId?: string) => client.request<NextStepsRoundResponse>('POST', `${team(teamId)}/next-steps/round${course(courseId)}`),
  addItem: (client: ApiClient, teamId: string, body: PlanItemInput) => client.request<PlanItemView>('POST', `${team(teamId)}/plan-items`, body),
  updateItem: (client: ApiClient, teamId: string, itemId: string, body: PlanItemInput) =>
    client.request<PlanItemView>('PATCH', `${team(teamId)}/plan-items/${encodeURIComponent(itemId)}`, body),
  deleteItem: (client: ApiClient, teamId: string, itemId: string) => client.request<void>('DELETE', `${team(teamId)}/plan-items/${encodeURIComponent(itemId)}`),
  /** The plan as a file, fetched with the caller's identity like the dashboard's CSV export. */
  exportPlan: (client: ApiClient, teamId: string, format: PlanExportFormat, fallbackName: string): Promise<Download> => client.download(`${team(teamId)}/plan.${format}`, fallbackName),
};
