import { Body, Controller, Post } from '@nestjs/common';
import { execSync } from 'child_process';

class ClipRequest {
  videoId!: string;
  start!: string;
}

class ClipJob {
  constructor(private readonly videoId: string, private readonly start: string) {}

  command(): string {
    return `ffmpeg -y -ss ${this.start} -t 10 -i /media/${this.videoId}.mp4 /media/clips/${this.videoId}.mp4`;
  }
}

@Controller('clips')
export class ClipsController {
  @Post()
  create(@Body() body: ClipRequest) {
    const job = new ClipJob(String(Number.parseInt(body.videoId, 10)), String(Number.parseFloat(body.start) || 0));
    execSync(job.command());
    return { queued: true };
  }
}
