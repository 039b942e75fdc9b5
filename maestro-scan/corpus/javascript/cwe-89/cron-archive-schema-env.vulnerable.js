const { Client } = require('pg');

const ARCHIVE_SCHEMAS = ['archive_2023', 'archive_2024'];

async function archiveOldEvents() {
  const schema = process.env.ARCHIVE_SCHEMA;
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO ${schema}.events SELECT * FROM public.events WHERE created_at < now() - interval '90 days'`
    );
    await client.query("DELETE FROM public.events WHERE created_at < now() - interval '90 days'");
  } finally {
    await client.end();
  }
}

archiveOldEvents().then(() => console.log('archive done'));
