import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface PgliteServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL with pgvector, in process, on a free loopback port: PGlite served over the wire protocol,
 * so the code under test uses the real `pg` client. `maxConnections` must be at least the pool's max.
 */
export async function startPgliteServer(maxConnections = 8, options: { pgvector?: boolean } = {}): Promise<PgliteServer> {
  const db = await PGlite.create({ extensions: options.pgvector === false ? {} : { vector } });
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
