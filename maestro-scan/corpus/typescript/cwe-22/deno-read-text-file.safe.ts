import { join, resolve, SEPARATOR } from 'jsr:@std/path';

const DATA_DIR = resolve('./data');

Deno.serve(async (req: Request): Promise<Response> => {
  const name = new URL(req.url).searchParams.get('file') ?? 'index.txt';
  const target = resolve(join(DATA_DIR, name));
  if (!target.startsWith(DATA_DIR + SEPARATOR)) {
    return new Response('forbidden', { status: 403 });
  }
  try {
    return new Response(await Deno.readTextFile(target));
  } catch {
    return new Response('not found', { status: 404 });
  }
});
