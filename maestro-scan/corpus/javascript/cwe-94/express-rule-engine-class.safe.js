const express = require('express');
const vm = require('vm');

class DiscountRule {
  constructor(source) {
    this.source = source;
  }

  apply(order) {
    return vm.runInNewContext(this.source, { order: { ...order } }, { timeout: 50 });
  }
}

const app = express();
app.use(express.json());

app.post('/orders/preview', (req, res) => {
  const rule = new DiscountRule('order.total > 100 ? order.total * 0.05 : 0');
  res.json({ discount: rule.apply(req.body.order) });
});

app.listen(3000);
