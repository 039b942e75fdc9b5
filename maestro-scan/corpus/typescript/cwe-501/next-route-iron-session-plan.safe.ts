import { cookies } from 'next/headers';
import { getIronSession } from 'iron-session';
import { NextResponse } from 'next/server';

interface AppSession { userId?: string; plan?: string }

export async function POST(request: Request) {
  const body = (await request.json()) as { plan: string };
  const session = await getIronSession<AppSession>(cookies(), {
    password: process.env.SESSION_PASSWORD as string,
    cookieName: 'app',
  });
  session.plan = 'trial';
  await session.save();
  return NextResponse.json({ plan: session.plan });
}
