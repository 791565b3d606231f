import pg from 'pg';

/**
 * A Postgres for the tests. With TEST_DATABASE_URL set, that server (it needs
 * pgvector; pg_textsearch is used when it has it), each test in a fresh
 * schema. Without it, PGlite (Postgres compiled to WebAssembly) with its
 * pgvector and, unless `bm25: false`, pg_textsearch extensions, served over a
 * real TCP socket by pglite-socket, so the production `pg` code path runs.
 */
export interface TestDatabase {
  url: string;
  /** A schema name no other test uses. */
  schema(): string;
  /** Whether this server has pg_textsearch. */
  bm25: boolean;
  /** Stops the server (PGlite) or drops the schemas made (a real server). */
  stop(): Promise<void>;
}

let next = 0;

export async function startTestDatabase(options: { bm25?: boolean } = {}): Promise<TestDatabase> {
  const real = process.env.TEST_DATABASE_URL;
  const made: string[] = [];
  const schema = () => {
    const name = `t_${process.pid}_${Date.now().toString(36)}_${next++}`;
    made.push(name);
    return name;
  };
  if (real) {
    const client = new pg.Client({ connectionString: real });
    await client.connect();
    const { rows } = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_textsearch'`);
    await client.end();
    return {
      url: real,
      schema,
      bm25: rows.length > 0,
      stop: async () => {
        const c = new pg.Client({ connectionString: real });
        await c.connect();
        for (const s of made) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
        await c.end();
      },
    };
  }
  const [{ PGlite }, { PGLiteSocketServer }, { vector }, { pg_textsearch }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
    import('@electric-sql/pglite-pgvector'),
    import('@electric-sql/pglite-pg_textsearch'),
  ]);
  const bm25 = options.bm25 ?? true;
  const db = await PGlite.create({ extensions: bm25 ? { vector, pg_textsearch } : { vector } });
  // Above any pool the tests open (DATABASE_POOL_SIZE defaults to 5; a few engines at once).
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 40 });
  await server.start();
  const port = Number(server.getServerConn().split(':').at(-1));
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    schema,
    bm25,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
