/**
 * Single sign-on for the tab: the one place that knows how a token is obtained.
 * @remarks Uses TeamsFx's `TeamsUserCredential` (loaded on demand, so local mode never downloads it). TeamsFx is
 * deprecated upstream; to replace it, make {@link ssoToken} return `authentication.getAuthToken()` from
 * `@microsoft/teams-js` — nothing else in the tab changes.
 */

type Credential = { getToken(scopes: string | string[]): Promise<{ readonly token: string } | null> };

let credential: Promise<Credential> | undefined;

/** The Entra app's client id, when the server put it in the page (`<meta name="laerekraft-client-id">`). */
function clientId(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="laerekraft-client-id"]');
  // TeamsUserCredential validates that a client id is set, but getToken('') (the SSO token) never uses it:
  // Teams issues the token for the app's webApplicationInfo.
  return meta?.content || 'teams-sso';
}

/** An SSO token for the signed-in Teams user, for `Authorization: Bearer …` on `/api/v1/*`. */
export async function ssoToken(): Promise<string> {
  credential ??= import('@microsoft/teamsfx').then(
    ({ TeamsUserCredential }) =>
      new TeamsUserCredential({ clientId: clientId(), initiateLoginEndpoint: `${window.location.origin}/tab/auth-start.html` }) as Credential,
  );
  try {
    const token = await (await credential).getToken('');
    if (!token) throw new Error('Teams gave no token');
    return token.token;
  } catch (error) {
    credential = undefined;
    throw error;
  }
}
