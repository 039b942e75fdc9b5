import { Controller, Get, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly db: DataSource) {}

  @Get(':id/lines')
  async lines(@Param('id') id: string) {
    return this.db.query(
      `SELECT sku, quantity, unit_price FROM invoice_lines WHERE invoice_id = ${id} ORDER BY position`,
    );
  }
}
