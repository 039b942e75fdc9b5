import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import { Response } from 'express';
import { createHash } from 'crypto';
import { ApiKeysService } from './api-keys.service';

const md5 = (data: string): string => createHash('md5').update(data).digest('hex');

@Controller('reports')
export class ReportsController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get('summary')
  async summary(@Headers('x-api-key') apiKey: string, @Res() res: Response) {
    if (!(await this.keys.existsByDigest(md5(apiKey ?? '')))) throw new UnauthorizedException();
    const body = JSON.stringify({ generatedAt: new Date().toISOString().slice(0, 10) });
    res.set('ETag', `"${md5(body)}"`).type('json').send(body);
  }
}
