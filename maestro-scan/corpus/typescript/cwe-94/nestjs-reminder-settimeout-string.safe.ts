import { Body, Controller, Post } from '@nestjs/common';
import { notifyUser } from './notify';

(globalThis as any).notifyUser = notifyUser;

@Controller('reminders')
export class RemindersController {
  @Post()
  schedule(@Body() body: { userId: string; minutes: number }) {
    const delay = Math.min(Number(body.minutes) || 1, 60) * 60000;
    setTimeout(() => notifyUser(body.userId), delay);
    return { scheduled: true };
  }
}
