import type { AddressInfo } from 'node:net';
import { startApi, type TestApi } from '../../support/api.ts';

export type ConsoleServer = TestApi & { baseUrl: string };

/**
 * The real API serving the built console over real HTTP on a free port of this machine, so the
 * browser signs in with the cookie session exactly as a user does.
 */
export async function startConsoleServer(overrides: Record<string, string> = {}, options: Parameters<typeof startApi>[1] = {}): Promise<ConsoleServer> {
  const api = await startApi(overrides, options);
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = api.app.server.address() as AddressInfo;
  return { ...api, baseUrl: `http://127.0.0.1:${port}` };
}
