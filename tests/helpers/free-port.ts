import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';

/**
 * `count` distinct TCP ports on loopback that were free a moment ago (the OS picks them; the listeners are closed again).
 * @remarks Another process may still take one before the caller binds it; callers that can read the bound port back should.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map(async (server) => {
      if (!server.listening) return;
      server.close();
      await once(server, 'close');
    }));
  }
}

/** One TCP port on loopback that was free a moment ago; see {@link freePorts}. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}
