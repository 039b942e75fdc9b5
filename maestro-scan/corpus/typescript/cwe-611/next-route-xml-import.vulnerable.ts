import { NextRequest, NextResponse } from 'next/server';
import libxmljs from 'libxmljs2';

export async function POST(request: NextRequest) {
  const xml = await request.text();
  const doc = libxmljs.parseXmlString(xml, { noent: true });
  const names = doc.find('//contact/name').map((n) => (n as libxmljs.Element).text());
  return NextResponse.json({ count: names.length, names });
}
