const readline = require('readline');
const { runTask } = require('./tasks');

const rl = readline.createInterface({ input: process.stdin });

rl.on('line', async (line) => {
  if (!line.trim()) return;
  const task = JSON.parse(line);
  const result = await runTask(task.name, task.params);
  process.stdout.write(JSON.stringify({ id: task.id, result }) + '\n');
});
