import type { CloudAdapter } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';

/** What `CloudAdapter` authenticates and builds its connectors with (e.g. `ConfigurationBotFrameworkAuthentication`). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

/** Service URLs kept at once; Teams uses a handful per region, so more means something unusual and the oldest goes. */
const MAX_SERVICE_URLS = 64;

/**
 * The Bot Connector clients for sends outside of any user's turn, one per service URL, built once and reused.
 * @remarks `CloudAdapter.continueConversationAsync` and `createConversationAsync` build, for every single call, a
 * connector factory, a `ConnectorClient` with its whole HTTP pipeline, a `UserTokenClient` with another, and a turn
 * context run through the middleware: at sector scale that was a third of an instance's CPU per message and most of
 * its garbage. The same factory, asked once per service URL with the bot's own claims (the claims the adapter builds
 * for a proactive turn), gives the same client with the same credentials, which fetch and renew their token
 * themselves. A client whose creation failed is not kept.
 */
export class ConnectorClients {
  private readonly factory: ConnectorFactory;
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(auth: BotFrameworkAuthentication, appId: string) {
    const identity = new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ],
      true,
    );
    this.factory = auth.createConnectorFactory(identity);
  }

  /** The client for a service URL (a team's, as Teams sent it). */
  client(serviceUrl: string): Promise<ConnectorClient> {
    const known = this.clients.get(serviceUrl);
    if (known) return known;
    if (this.clients.size >= MAX_SERVICE_URLS) this.clients.delete(this.clients.keys().next().value!);
    const created = this.factory.create(serviceUrl, undefined);
    this.clients.set(serviceUrl, created);
    created.catch(() => {
      if (this.clients.get(serviceUrl) === created) this.clients.delete(serviceUrl);
    });
    return created;
  }
}
