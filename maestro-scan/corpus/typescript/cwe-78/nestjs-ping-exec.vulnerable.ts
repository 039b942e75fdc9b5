import { Controller, Get, Query } from '@nestjs/common';
import { exec } from 'child_process';
import { promisify } from 'util';

const run = promisify(exec);

@Controller('diagnostics')
export class DiagnosticsController {
  @Get('ping')
  async ping(@Query('host') host: string) {
    const { stdout } = await run(`ping -c 2 ${host}`, { timeout: 8000 });
    return { output: stdout };
  }
}
