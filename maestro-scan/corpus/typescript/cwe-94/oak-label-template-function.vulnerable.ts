import { Application } from 'https://deno.land/x/oak@v12.6.1/mod.ts';

const app = new Application();

app.use((ctx) => {
  const label = ctx.request.url.searchParams.get('label') ?? 'item';
  const render = new Function('count', `return count + ' ' + '${label}' + (count === 1 ? '' : 's');`);
  ctx.response.body = { text: render(Number(ctx.request.url.searchParams.get('count') ?? 0)) };
});

await app.listen({ port: 8000 });
