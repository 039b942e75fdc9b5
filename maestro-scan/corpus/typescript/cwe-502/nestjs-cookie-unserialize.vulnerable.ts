import { Controller, Get, Req } from '@nestjs/common';
import { Request } from 'express';
import * as serialize from 'node-serialize';

interface Prefs { layout: string; density: number }

@Controller('dashboard')
export class DashboardController {
  @Get()
  view(@Req() req: Request) {
    const raw = req.cookies?.prefs;
    const prefs: Prefs = raw
      ? serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8'))
      : { layout: 'grid', density: 1 };
    return { layout: prefs.layout, density: prefs.density };
  }
}
