import type { PackCheckResponse, PackImageUploadRequest, PackImageUploadResponse, PackListResponse, PackUploadRequest } from '../../bot/http/contracts';
import type { ApiClient } from './api-client';

/** The organisation's own course packs (course owners and administrators), typed as in bot/http/contracts.ts. */
export const packsApi = {
  list: (client: ApiClient) => client.request<PackListResponse>('GET', '/api/v1/org/packs'),
  uploadImage: (client: ApiClient, body: PackImageUploadRequest) => client.request<PackImageUploadResponse>('POST', '/api/v1/org/packs/images', body),
  check: (client: ApiClient, body: PackUploadRequest) => client.request<PackCheckResponse>('POST', '/api/v1/org/packs/check', body),
  publish: (client: ApiClient, body: PackUploadRequest) => client.request<PackCheckResponse>('POST', '/api/v1/org/packs', body),
  withdraw: (client: ApiClient, courseId: string, version: string) =>
    client.request<undefined>('POST', `/api/v1/org/packs/${encodeURIComponent(courseId)}/${encodeURIComponent(version)}/withdraw`),
};
