const fastify = require('fastify')();
const vm = require('vm');

const PRICING_RULES = {
  weekend: 'price * (isWeekend ? 0.9 : 1)',
  bulk: 'quantity >= 10 ? price * 0.85 : price',
};

fastify.post('/quote', async (request) => {
  const { rule, price, quantity } = request.body;
  if (!Object.hasOwn(PRICING_RULES, rule)) {
    throw new Error('unknown pricing rule');
  }
  const expression = PRICING_RULES[rule];
  const total = vm.runInNewContext(expression, {
    price: Number(price),
    quantity: Number(quantity),
    isWeekend: [0, 6].includes(new Date().getDay()),
  });
  return { total };
});

fastify.listen({ port: 3000 });
