import { Controller, Param, Post } from '@nestjs/common';
import { exec, execFile } from 'child_process';

const USE_SHELL_PIPELINE = process.env.THUMBS_SHELL === '1';

@Controller('thumbnails')
export class ThumbnailsController {
  @Post(':name')
  generate(@Param('name') name: string) {
    const src = `/srv/uploads/${name}`;
    if (USE_SHELL_PIPELINE) {
      exec(`convert ${src} -thumbnail 128x128 - | pngquant - > ${src}.thumb.png`);
    } else {
      execFile('convert', [src, '-thumbnail', '128x128', `${src}.thumb.png`]);
    }
    return { ok: true };
  }
}
