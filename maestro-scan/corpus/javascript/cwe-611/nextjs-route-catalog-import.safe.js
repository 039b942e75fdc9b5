import { XMLParser } from 'fast-xml-parser';
import { NextResponse } from 'next/server';

export async function POST(request) {
  const xml = await request.text();
  const doc = new XMLParser({ processEntities: false }).parse(xml);
  const books = [].concat(doc.catalog?.book ?? []);
  const titles = books.map((book) => String(book.title));
  return NextResponse.json({ count: titles.length, titles });
}
