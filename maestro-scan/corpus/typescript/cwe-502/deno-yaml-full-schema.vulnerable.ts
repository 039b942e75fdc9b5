import yaml from 'npm:js-yaml@3';

Deno.serve(async (req: Request): Promise<Response> => {
  if (req.method !== 'POST') return new Response(null, { status: 405 });
  const text = await req.text();
  const manifest = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { name: string; version: string };
  return Response.json({ name: manifest.name, version: manifest.version });
});
