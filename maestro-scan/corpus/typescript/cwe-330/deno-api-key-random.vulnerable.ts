const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newApiKey(length = 40): string {
  let key = '';
  for (let i = 0; i < length; i++) {
    key += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  }
  return `ak_${key}`;
}

Deno.serve((req: Request): Response => {
  if (req.method !== 'POST') return new Response(null, { status: 405 });
  return Response.json({ apiKey: newApiKey() }, { status: 201 });
});
