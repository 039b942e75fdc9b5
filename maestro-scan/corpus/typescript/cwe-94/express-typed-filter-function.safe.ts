import express, { Request, Response } from 'express';
import { listTasks, Task } from './tasks';

const app = express();

app.get('/tasks', async (req: Request, res: Response) => {
  const status = String(req.query.status ?? '');
  const predicate = (t: Task): boolean => status === '' || t.status === status;
  const tasks = await listTasks();
  res.json(tasks.filter(predicate));
});

app.listen(3000);
