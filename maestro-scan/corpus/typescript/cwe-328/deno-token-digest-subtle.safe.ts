async function tokenDigest(token: string): Promise<string> {
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

const kv = await Deno.openKv();

Deno.serve(async (req: Request): Promise<Response> => {
  const token = req.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
  const entry = await kv.get(['api_tokens', await tokenDigest(token)]);
  return entry.value ? Response.json({ ok: true }) : new Response('unauthorized', { status: 401 });
});
