import { NextResponse } from 'next/server';
import { readFile } from 'fs/promises';
import path from 'path';

const CONTENT = path.join(process.cwd(), 'content');

export async function GET(_req: Request, { params }: { params: { slug: string } }) {
  const slug = params.slug;
  const markdown = await readFile(path.join(CONTENT, `${slug}.md`), 'utf8').catch(() => null);
  if (markdown === null) {
    return NextResponse.json({ error: 'not found' }, { status: 404 });
  }
  return NextResponse.json({ slug, markdown });
}
