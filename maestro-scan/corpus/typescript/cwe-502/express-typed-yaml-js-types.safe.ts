import express, { Request, Response } from 'express';
import yaml from 'js-yaml';

const app = express();
app.use(express.text({ type: ['application/yaml', 'text/yaml'] }));
const schema = yaml.CORE_SCHEMA;

app.post('/workflows/validate', (req: Request, res: Response) => {
  const workflow = yaml.load(String(req.body), { schema }) as { name?: string; steps?: unknown[] };
  res.json({ name: workflow.name, steps: workflow.steps?.length ?? 0 });
});

app.listen(3000);
