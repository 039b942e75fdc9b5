import { Body, Controller, Post } from '@nestjs/common';
import { TaskQueue } from './task-queue';

@Controller('tasks')
export class TasksController {
  constructor(private readonly queue: TaskQueue) {}

  @Post()
  enqueue(@Body() body: { task: object }) {
    const task = JSON.parse(JSON.stringify(body.task)) as { name: string; args?: unknown[] };
    this.queue.push(task);
    return { queued: task.name };
  }
}
