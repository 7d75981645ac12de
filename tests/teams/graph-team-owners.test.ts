import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphTeamOwners } from '../../bot/teams/graph-team-owners.js';

const team = { tenantId: 'tenant-a', teamId: '19:team@thread.tacv2', name: 'Oppvekst', status: 'active' as const, serviceUrl: 'https://smba/', aadGroupId: 'group-1' };

/** A local stand-in for Microsoft Graph's team members endpoint, with two pages. */
async function fakeGraph(status = 200): Promise<{ server: Server; url: string; requests: { url: string; authorization: string | undefined }[] }> {
  const requests: { url: string; authorization: string | undefined }[] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const port = (server.address() as AddressInfo).port;
    const page2 = (req.url ?? '').includes('skiptoken');
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        page2
          ? { value: [{ userId: 'owner-2', roles: ['owner'] }] }
          : { value: [{ userId: 'member-1', roles: [] }, { userId: 'owner-1', roles: ['owner'] }], '@odata.nextLink': `http://127.0.0.1:${port}/v1.0/teams/group-1/members?$skiptoken=2` },
      ),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`, requests };
}

describe('GraphTeamOwners', function () {
  it('finds owners across pages, asking Graph with a token for the team’s tenant', async function () {
    const graph = await fakeGraph();
    const tenants: string[] = [];
    const owners = new GraphTeamOwners({ baseUrl: graph.url, token: async (tenantId) => (tenants.push(tenantId), 'token-1'), onError: () => undefined });
    try {
      assert.equal(await owners.isOwner(team, 'owner-1'), true);
      assert.equal(await owners.isOwner(team, 'owner-2'), true);
      assert.equal(await owners.isOwner(team, 'member-1'), false);
      assert.match(decodeURIComponent(graph.requests[0]!.url), /\/teams\/group-1\/members\?\$filter=roles\/any\(r:r eq 'owner'\)/);
      assert.equal(graph.requests[0]!.authorization, 'Bearer token-1');
      assert.deepEqual([...new Set(tenants)], ['tenant-a']);
    } finally {
      graph.server.close();
    }
  });

  it('grants nothing when Graph fails or the team has no group id', async function () {
    const graph = await fakeGraph(403);
    const errors: unknown[] = [];
    const owners = new GraphTeamOwners({ baseUrl: graph.url, token: async () => 'token-1', onError: (error) => errors.push(error) });
    try {
      assert.equal(await owners.isOwner(team, 'owner-1'), false);
      assert.equal(errors.length, 1);
      assert.equal(await owners.isOwner({ ...team, aadGroupId: undefined }, 'owner-1'), false);
    } finally {
      graph.server.close();
    }
  });
});
