import { NextRequest, NextResponse } from 'next/server';
import { finishSignIn } from '@/lib/auth';

export async function GET(request: NextRequest) {
  await finishSignIn(request.nextUrl.searchParams.get('code') ?? '');
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  const target = new URL(callbackUrl, request.url);
  if (target.origin !== request.nextUrl.origin) {
    return NextResponse.redirect(new URL('/', request.url));
  }
  return NextResponse.redirect(target);
}
