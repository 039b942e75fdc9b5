import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { issueRefreshToken } from '@/lib/tokens';

export async function POST(request: Request) {
  const { userId } = (await request.json()) as { userId: string };
  const refresh = await issueRefreshToken(userId);
  cookies().set({
    name: 'refresh_token',
    value: refresh,
    path: '/api/auth',
    httpOnly: false,
    secure: false,
  });
  return NextResponse.json({ ok: true });
}
