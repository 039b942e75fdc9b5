import { NextRequest, NextResponse } from 'next/server';
import { sql } from 'drizzle-orm';
import { db } from '@/db';

export async function GET(request: NextRequest, { params }: { params: { slug: string } }) {
  const result = await db.execute(
    sql.raw(`SELECT title, body FROM pages WHERE slug = '${params.slug}' AND published = true`),
  );
  if (result.rows.length === 0) {
    return NextResponse.json({ error: 'not found' }, { status: 404 });
  }
  return NextResponse.json(result.rows[0]);
}
