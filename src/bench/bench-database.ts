import path from 'node:path';
import pg from 'pg';

/** A Postgres for `bench --backend postgres`: DATABASE_URL when set, else PGlite served over a local socket. */
export interface BenchDatabase {
  url: string;
  schema: string;
  /** What it is, for the report. */
  label: string;
  /** Bytes of the schema's tables, their indexes and TOAST. */
  bytes(): Promise<number>;
  /** Drops the bench schema (a real server) or stops PGlite. */
  close(): Promise<void>;
}

export async function benchDatabase(url: string | undefined, work: string): Promise<BenchDatabase> {
  const schema = `footnote_bench_${process.pid}`;
  const bytes = async (conn: string) => {
    const client = new pg.Client({ connectionString: conn });
    await client.connect();
    try {
      const { rows } = await client.query<{ b: string | null }>(
        `SELECT sum(pg_total_relation_size(c.oid)) AS b FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      );
      return Number(rows[0]?.b ?? 0);
    } finally {
      await client.end();
    }
  };
  if (url) {
    return {
      url,
      schema,
      label: `DATABASE_URL (${new URL(url).hostname})`,
      bytes: () => bytes(url),
      close: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
      },
    };
  }
  // Dev dependencies: the bench runs from a checkout.
  const [{ PGlite }, { PGLiteSocketServer }, { vector }, { pg_textsearch }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
    import('@electric-sql/pglite-pgvector'),
    import('@electric-sql/pglite-pg_textsearch'),
  ]);
  // On disk in the bench folder rather than in memory: a 100,000-chunk table would otherwise sit in this process's heap.
  const db = await PGlite.create({ dataDir: path.join(work, 'pglite'), extensions: { vector, pg_textsearch } });
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 20 });
  await server.start();
  const conn = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  return {
    url: conn,
    schema,
    label: 'PGlite (WebAssembly Postgres, one thread) over a local socket',
    bytes: () => bytes(conn),
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
