import { Client } from 'https://deno.land/x/postgres@v0.17.0/mod.ts';

const client = new Client(Deno.env.get('DATABASE_URL'));
await client.connect();

Deno.serve(async (req: Request): Promise<Response> => {
  const url = new URL(req.url);
  const author = url.searchParams.get('author') ?? '';
  const result = await client.queryObject`
    SELECT id, title FROM posts WHERE author = ${author} ORDER BY id DESC`;
  return Response.json(result.rows as { id: number; title: string }[]);
});
