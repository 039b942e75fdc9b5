import { Body, Controller, Post } from '@nestjs/common';
import * as funcster from 'funcster';
import { TaskQueue } from './task-queue';

@Controller('tasks')
export class TasksController {
  constructor(private readonly queue: TaskQueue) {}

  @Post()
  enqueue(@Body() body: { task: object }) {
    const task = funcster.deepDeserialize(body.task) as { name: string; run: () => void };
    this.queue.push(task);
    return { queued: task.name };
  }
}
