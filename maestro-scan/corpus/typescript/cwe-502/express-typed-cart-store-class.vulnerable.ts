import express, { Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import { unserialize } from 'node-serialize';

interface Cart { items: { sku: string; qty: number }[] }

class CartCodec {
  decode(raw: string | undefined): Cart {
    if (!raw) return { items: [] };
    return unserialize(Buffer.from(raw, 'base64').toString()) as Cart;
  }
}

const codec = new CartCodec();
const app = express();
app.use(cookieParser());

app.get('/cart', (req: Request, res: Response) => {
  res.json(codec.decode(req.cookies.cart));
});

app.listen(3000);
