Deno.serve(async (req: Request): Promise<Response> => {
  const url = new URL(req.url);
  const branch = url.searchParams.get('branch') ?? 'main';
  const command = new Deno.Command('git', {
    args: ['-C', '/srv/repo', 'log', '--oneline', '-n', '20', '--end-of-options', branch],
    stdout: 'piped',
  });
  const { stdout } = await command.output();
  return new Response(new TextDecoder().decode(stdout), {
    headers: { 'content-type': 'text/plain' },
  });
});
