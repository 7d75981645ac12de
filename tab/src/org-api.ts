import type { OrgAuditResponse, OrgPrivacyView, OrgSettingsResponse, OrgSettingsUpdate, OrgSettingsValues } from '../../bot/http/contracts';
import type { ApiClient } from './api-client';

/** The organisation endpoints of the tab API (the caller's own organisation), typed as in bot/http/contracts.ts. */
export const orgApi = {
  /** The organisation's settings, defaults and limits, and what the caller may do. */
  settings: (client: ApiClient) => client.request<OrgSettingsResponse>('GET', '/api/v1/org/settings'),
  /** Changes settings (administrators only); named progress on needs the decision. */
  update: (client: ApiClient, body: OrgSettingsUpdate) => client.request<OrgSettingsValues>('PATCH', '/api/v1/org/settings', body),
  /** One page (0-based) of the audit log, newest first. */
  audit: (client: ApiClient, page: number) => client.request<OrgAuditResponse>('GET', `/api/v1/org/audit?page=${page}`),
  /** The organisation's privacy values that apply to the caller (every signed-in person). */
  privacy: (client: ApiClient) => client.request<OrgPrivacyView>('GET', '/api/v1/org/privacy'),
};
