/**
 * The baseline: a bare botbuilder echo bot on the same stack as the app — restify with the same query and
 * body parsers, a `CloudAdapter` built with the same options as the app's local mode (no app id, so no
 * authentication), and an `ActivityHandler` that answers every message with `echo: <text>`.
 */
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { serveControl } from './ipc.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity('echo: ' + (context.activity.text ?? ''));
      await next();
    });
  }
}

const bot = new EchoBot();
const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
);
const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
server.use(restify.plugins.queryParser());
server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
serveControl({
  port: (server.address() as AddressInfo).port,
  stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
});
