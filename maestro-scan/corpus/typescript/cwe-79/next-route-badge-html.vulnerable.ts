import { NextRequest } from 'next/server';

export function GET(request: NextRequest) {
  const label = request.nextUrl.searchParams.get('label') ?? 'build';
  const status = request.nextUrl.searchParams.get('status') ?? 'unknown';
  const body = `<div class="badge"><span>${label}</span><b>${status}</b></div>`;
  return new Response(body, { headers: { 'Content-Type': 'text/html' } });
}
