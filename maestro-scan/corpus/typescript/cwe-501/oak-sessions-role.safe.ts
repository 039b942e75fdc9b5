import { Application, Router } from 'https://deno.land/x/oak@v12.6.1/mod.ts';
import { Session } from 'https://deno.land/x/oak_sessions@v4.1.9/mod.ts';
import { createAccount } from './accounts.ts';

type AppState = { session: Session };

const router = new Router<AppState>();
router.post('/signup', async (ctx) => {
  const body = await ctx.request.body({ type: 'json' }).value;
  const account = await createAccount(body.email);
  ctx.state.session.set('accountId', account.id);
  ctx.state.session.set('role', 'member');
  ctx.response.status = 201;
});

const app = new Application<AppState>();
app.use(Session.initMiddleware());
app.use(router.routes());
await app.listen({ port: 8000 });
