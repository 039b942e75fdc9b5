import express, { Request, Response } from 'express';
import mysql, { Pool, RowDataPacket } from 'mysql2/promise';

class OrderRepository {
  constructor(private readonly pool: Pool) {}

  async byCustomer(customer: string): Promise<RowDataPacket[]> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      "SELECT id, total FROM orders WHERE customer_ref = '" + customer + "'",
    );
    return rows;
  }
}

const orders = new OrderRepository(mysql.createPool(process.env.MYSQL_URL as string));
const app = express();

app.get('/orders', async (req: Request, res: Response) => {
  res.json(await orders.byCustomer(String(req.headers['x-customer-ref'] ?? '')));
});

app.listen(3000);
