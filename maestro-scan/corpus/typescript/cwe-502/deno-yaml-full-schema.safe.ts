import { parse } from 'jsr:@std/yaml';

Deno.serve(async (req: Request): Promise<Response> => {
  if (req.method !== 'POST') return new Response(null, { status: 405 });
  const text = await req.text();
  const manifest = parse(text) as { name: string; version: string };
  return Response.json({ name: manifest.name, version: manifest.version });
});
