import { cookies } from 'next/headers';
import { getIronSession } from 'iron-session';
import { NextResponse } from 'next/server';
import { registerMember } from '@/lib/members';

export async function POST(request) {
  const body = await request.json();
  const member = await registerMember(body.email, body.password);
  const session = await getIronSession(cookies(), { password: process.env.SESSION_PASSWORD, cookieName: 'sid' });
  session.memberId = member.id;
  session.role = body.role;
  await session.save();
  return NextResponse.json({ id: member.id });
}
