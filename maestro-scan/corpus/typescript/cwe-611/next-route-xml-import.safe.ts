import { NextRequest, NextResponse } from 'next/server';
import { DOMParser } from '@xmldom/xmldom';

export async function POST(request: NextRequest) {
  const xml = await request.text();
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const names = Array.from(doc.getElementsByTagName('name')).map((n) => n.textContent ?? '');
  return NextResponse.json({ count: names.length, names });
}
