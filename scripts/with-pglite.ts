// Runs a command against an in-process PostgreSQL with pgvector (PGlite, in memory, on a free loopback
// port), with INDEX_BACKEND=pgvector and DATABASE_URL set: try or evaluate the Postgres backend
// without a database server. The database is gone when the command ends.
// Usage: npx tsx scripts/with-pglite.ts npm run eval -- --corpus finance
import { spawn } from "node:child_process";
import { startPgliteServer } from "../test/support/pglite-server.js";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("Usage: npx tsx scripts/with-pglite.ts <command> [args...]");
  process.exit(2);
}
const server = await startPgliteServer(16);
console.error(`PGlite with pgvector on ${server.url}`);
// Asynchronous on purpose: the database answers from this process's event loop.
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, INDEX_BACKEND: "pgvector", DATABASE_URL: server.url } });
const code = await new Promise<number>((resolve) => child.on("exit", (status) => resolve(status ?? 1)));
await server.close();
process.exit(code);
