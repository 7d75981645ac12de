import { createContext, useContext } from 'react';
import type { MeResponse } from '../../bot/http/contracts';
import type { ApiClient } from './api-client';
import type { Formatters } from './format';
import type { HostInfo } from './host';

/** What every page needs: the API client, the signed-in person, the host and the formatters. */
export type AppServices = {
  readonly client: ApiClient;
  readonly me: MeResponse;
  readonly host: HostInfo;
  readonly fmt: Formatters;
};

/** The app's services, provided once the person is known. */
export const AppContext = createContext<AppServices | null>(null);

/** The app's services; only inside the signed-in part of the tree. */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside AppContext');
  return services;
}
