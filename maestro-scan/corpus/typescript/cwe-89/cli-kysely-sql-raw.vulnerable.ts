import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';

interface Database {
  customers: { id: number; email: string; deleted_at: Date | null };
}

const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool() }) });

async function softDelete(email: string): Promise<void> {
  await sql.raw(`UPDATE customers SET deleted_at = now() WHERE email = '${email}'`).execute(db);
  console.log(`soft-deleted ${email}`);
}

softDelete(process.argv[2]).finally(() => db.destroy());
