Deno.serve((req: Request): Response => {
  const url = new URL(req.url);
  const amount = url.searchParams.get('amount') ?? '0';
  const rate = url.searchParams.get('rate') ?? '1';
  const converted = eval(`${amount} * ${rate}`);
  return Response.json({ converted });
});
