import libxmljs from 'libxmljs2';
import { NextResponse } from 'next/server';

export async function POST(request) {
  const xml = await request.text();
  const doc = libxmljs.parseXmlString(xml, { noent: true, dtdattr: true });
  const titles = doc.find('//book/title').map((node) => node.text());
  return NextResponse.json({ count: titles.length, titles });
}
