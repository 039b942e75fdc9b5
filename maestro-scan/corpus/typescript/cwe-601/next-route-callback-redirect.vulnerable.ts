import { NextRequest, NextResponse } from 'next/server';
import { finishSignIn } from '@/lib/auth';

export async function GET(request: NextRequest) {
  await finishSignIn(request.nextUrl.searchParams.get('code') ?? '');
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  return NextResponse.redirect(new URL(callbackUrl, request.url));
}
