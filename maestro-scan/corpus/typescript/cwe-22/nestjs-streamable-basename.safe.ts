import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { createReadStream } from 'fs';
import { basename, join } from 'path';

@Controller('exports')
export class ExportsController {
  @Get()
  getExport(@Query('name') name: string): StreamableFile {
    const file = join('/var/lib/app/exports', basename(name));
    return new StreamableFile(createReadStream(file), {
      type: 'text/csv',
      disposition: `attachment; filename="${basename(file)}"`,
    });
  }
}
