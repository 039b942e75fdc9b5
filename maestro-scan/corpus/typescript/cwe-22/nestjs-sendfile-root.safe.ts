import { Controller, Get, Param, Res } from '@nestjs/common';
import { Response } from 'express';
import { join } from 'path';

const MANUALS = join(process.cwd(), 'manuals');

@Controller('manuals')
export class ManualsController {
  @Get(':file')
  download(@Param('file') file: string, @Res() res: Response) {
    return res.sendFile(file, { root: MANUALS });
  }
}
