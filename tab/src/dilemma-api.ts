import type { DilemmaRoundRequest, DilemmaRoundResponse, DilemmaRoundsView } from '../../bot/http/contracts';
import type { ApiClient, Download } from './api-client';

const team = (teamId: string): string => `/api/v1/teams/${encodeURIComponent(teamId)}`;

/** The dilemma endpoints of the tab API (bot/http/api/dilemma-routes.ts), typed as in bot/http/contracts.ts. */
export const dilemmaApi = {
  view: (client: ApiClient, teamId: string) => client.request<DilemmaRoundsView>('GET', `${team(teamId)}/dilemma-rounds`),
  post: (client: ApiClient, teamId: string, body: DilemmaRoundRequest) => client.request<DilemmaRoundResponse>('POST', `${team(teamId)}/dilemma-rounds`, body),
  /** The distributions (`dilemmas.csv`) or the shared reasons (`dilemma-reasons.csv`) as a file. */
  exportCsv: (client: ApiClient, teamId: string, what: 'dilemmas' | 'dilemma-reasons', fallbackName: string): Promise<Download> => client.download(`${team(teamId)}/${what}.csv`, fallbackName),
};
