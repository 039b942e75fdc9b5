import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { authenticate } from '@/lib/auth';

export async function POST(request) {
  const { email, password } = await request.json();
  const session = await authenticate(email, password);
  if (!session) {
    return NextResponse.json({ error: 'invalid credentials' }, { status: 401 });
  }
  cookies().set('session', session.id, { path: '/', maxAge: 60 * 60 * 12, httpOnly: true, secure: true, sameSite: 'lax' });
  return NextResponse.json({ ok: true });
}
