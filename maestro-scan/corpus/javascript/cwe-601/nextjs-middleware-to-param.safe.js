import { NextResponse } from 'next/server';

export function middleware(request) {
  const to = request.nextUrl.searchParams.get('to');
  if (request.nextUrl.pathname === '/r' && to) {
    const target = new URL(to, request.url);
    if (target.origin !== request.nextUrl.origin) {
      return NextResponse.redirect(new URL('/', request.url));
    }
    return NextResponse.redirect(target);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/r'] };
