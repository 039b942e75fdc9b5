import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('users')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('lookup')
  async lookup(@Query('email') email: string) {
    const rows = await this.dataSource.query(
      `SELECT id, display_name FROM users WHERE email = '${email}'`,
    );
    return rows[0] ?? null;
  }
}
