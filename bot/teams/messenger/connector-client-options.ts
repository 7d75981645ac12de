import type { CompatResponse, RequestPolicy, WebResourceLike } from '@azure/core-http-compat';
import { toHttpHeadersLike } from '@azure/core-http-compat';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

/** The options `ConfigurationBotFrameworkAuthentication` passes to every `ConnectorClient` it creates. */
export type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;

/** A Bot Connector answer that the SDK would have retried; thrown so that the Messenger retries it instead. */
export class ConnectorHttpError extends Error {
  override readonly name = 'ConnectorHttpError';

  constructor(
    readonly statusCode: number,
    /** Response headers, names lower-cased. */
    readonly headers: Readonly<Record<string, string>>,
    /** The Bot Connector's error code from the body (`{ error: { code } }`), when there is one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A socket error or timeout on a Bot Connector call; thrown instead of the SDK's `RestError` so the SDK does not retry it. */
export class ConnectorTransportError extends Error {
  override readonly name = 'ConnectorTransportError';

  constructor(
    readonly code: string,
    message: string,
    options: { readonly cause: unknown },
  ) {
    super(message, options);
  }
}

/** Statuses the SDK's `defaultRetryPolicy` retries (throttling strategy: 429/503 with Retry-After; exponential: 408, 5xx). */
function retriedBySdk(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function errorBody(text: string | undefined): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(text ?? '') as { error?: { code?: unknown; message?: unknown } };
    return {
      code: typeof parsed.error?.code === 'string' ? parsed.error.code : undefined,
      message: typeof parsed.error?.message === 'string' ? parsed.error.message : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * The HTTP transport for the proactive adapter's `ConnectorClient`s: the SDK's own default client, except that an
 * answer the SDK would retry (408, 429, 5xx) or a socket error is thrown as a plain error rather than handed back.
 * @remarks botbuilder 4.23's `ConnectorClient` sits on `@azure/core-client`, whose pipeline always carries
 * core-rest-pipeline's `defaultRetryPolicy`: up to 3 retries of 429/503 after their Retry-After, of 408/5xx and socket
 * errors with exponential back-off from 1 s, all inside one call. botbuilder exposes no way to remove it (its
 * `ServiceClientContext` does not forward `retryOptions` or `noRetryPolicy`, and `ConnectorFactoryImpl` overwrites
 * `requestPolicyFactories`), but it does forward `httpClient`, which runs inside the retry policy. That policy
 * retries only responses and `RestError`s and rethrows anything else at once, so throwing our own error here hands
 * the failure to the Messenger after exactly one request: Retry-After is honoured once, by the Messenger, which also
 * paces the retry and pauses the tenant. Only the adapter that the Messenger drives gets this client; replies within a
 * user's turn go through the ordinary adapter and keep the SDK's retries (and no per-request async context is needed,
 * which on Node 20 would slow every promise in the process).
 */
class MessengerHttpClient implements RequestPolicy {
  private readonly transport: HttpClient = createDefaultHttpClient();

  constructor(private readonly requestTimeoutMs: number) {}

  async sendRequest(resource: WebResourceLike): Promise<CompatResponse> {
    const request = createPipelineRequest({
      url: resource.url,
      method: resource.method,
      headers: createHttpHeaders(resource.headers.toJson({ preserveCase: true })),
      body: resource.body,
      timeout: resource.timeout || this.requestTimeoutMs,
      abortSignal: resource.abortSignal,
      withCredentials: resource.withCredentials,
      // The SDK's ServiceClient allows plain http exactly when the service URL is http (local fakes and emulators).
      allowInsecureConnection: resource.url.toLowerCase().startsWith('http:'),
      proxySettings: resource.proxySettings,
      agent: resource.agent,
      disableKeepAlive: !!resource.keepAlive,
      streamResponseStatusCodes: resource.streamResponseStatusCodes,
      requestId: resource.requestId,
      onUploadProgress: resource.onUploadProgress,
      onDownloadProgress: resource.onDownloadProgress,
    });
    let response: PipelineResponse;
    try {
      response = await this.transport.sendRequest(request);
    } catch (error) {
      const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
      const label = typeof code === 'string' ? code : name === 'AbortError' ? 'ETIMEDOUT' : 'REQUEST_SEND_ERROR';
      throw new ConnectorTransportError(label, `Bot Connector request failed: ${typeof message === 'string' ? message : String(error)}`, { cause: error });
    }
    if (retriedBySdk(response.status)) {
      const body = errorBody(response.bodyAsText ?? undefined);
      throw new ConnectorHttpError(
        response.status,
        response.headers.toJSON(),
        body.code,
        `Bot Connector answered ${response.status}${body.code ? ` ${body.code}` : ''}${body.message ? `: ${body.message}` : ''}`,
      );
    }
    return {
      // The same request object: the SDK finds its operation spec through it to deserialize the body.
      request: resource,
      status: response.status,
      headers: toHttpHeadersLike(response.headers),
      bodyAsText: response.bodyAsText,
      readableStreamBody: response.readableStreamBody,
      blobBody: response.blobBody,
    };
  }
}

/**
 * ConnectorClient options that leave retrying to the Messenger; pass them as the fifth argument of the proactive
 * adapter's `ConfigurationBotFrameworkAuthentication`.
 */
export function messengerConnectorOptions(options: { readonly requestTimeoutMs?: number } = {}): ConnectorClientOptions {
  return { httpClient: new MessengerHttpClient(options.requestTimeoutMs ?? 30_000) };
}
