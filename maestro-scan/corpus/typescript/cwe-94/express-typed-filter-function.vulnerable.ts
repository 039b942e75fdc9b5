import express, { Request, Response } from 'express';
import { listTasks, Task } from './tasks';

const app = express();

app.get('/tasks', async (req: Request, res: Response) => {
  const where = String(req.query.where ?? 'true');
  const predicate = new Function('task', `return (${where});`) as (t: Task) => boolean;
  const tasks = await listTasks();
  res.json(tasks.filter(predicate));
});

app.listen(3000);
