const fastify = require('fastify')();

const COUPONS = new Set(['FREESHIP', 'VIP20']);

fastify.register(require('@fastify/cookie'));
fastify.register(require('@fastify/session'), { secret: process.env.SESSION_SECRET });

fastify.post('/checkout/coupon', async (request) => {
  const code = String(request.body.code || '').trim().toUpperCase();
  request.session.couponCode = COUPONS.has(code) ? code : null;
  return { coupon: request.session.couponCode };
});

fastify.listen({ port: 3000 });
