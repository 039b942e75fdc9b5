import { NextRequest } from 'next/server';

export function GET(request: NextRequest) {
  const label = request.nextUrl.searchParams.get('label') ?? 'build';
  const status = request.nextUrl.searchParams.get('status') ?? 'unknown';
  return Response.json({ label, status });
}
