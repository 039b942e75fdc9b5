import { join, resolve, SEPARATOR } from 'jsr:@std/path';

const DATA_DIR = resolve('./data');

Deno.serve(async (req: Request): Promise<Response> => {
  const name = new URL(req.url).searchParams.get('file') ?? 'index.txt';
  const target = join(DATA_DIR, name);
  try {
    return new Response(await Deno.readTextFile(target));
  } catch {
    return new Response('not found', { status: 404 });
  }
});
