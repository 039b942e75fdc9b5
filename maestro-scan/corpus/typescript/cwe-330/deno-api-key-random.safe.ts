const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newApiKey(length = 40): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  const key = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `ak_${key}`;
}

Deno.serve((req: Request): Response => {
  if (req.method !== 'POST') return new Response(null, { status: 405 });
  return Response.json({ apiKey: newApiKey() }, { status: 201 });
});
