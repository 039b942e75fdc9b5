import { NextResponse } from 'next/server';

export function middleware(request) {
  const to = request.nextUrl.searchParams.get('to');
  if (request.nextUrl.pathname === '/r' && to) {
    return NextResponse.redirect(new URL(to, request.url));
  }
  return NextResponse.next();
}

export const config = { matcher: ['/r'] };
