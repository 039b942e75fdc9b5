import { Controller, Get, Query } from '@nestjs/common';
import { Sequelize, QueryTypes } from 'sequelize';

const SORTABLE = ['name', 'created_at', 'last_login'] as const;

@Controller('members')
export class MembersController {
  constructor(private readonly sequelize: Sequelize) {}

  @Get()
  list(@Query('sort') sort = 'name') {
    const column = sort;
    return this.sequelize.query(`SELECT id, name, created_at FROM members ORDER BY ${column}`, {
      type: QueryTypes.SELECT,
    });
  }
}
