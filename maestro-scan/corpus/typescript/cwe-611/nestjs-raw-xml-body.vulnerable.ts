import { Controller, Post, RawBodyRequest, Req } from '@nestjs/common';
import { Request } from 'express';
import * as libxmljs from 'libxmljs2';

@Controller('orders')
export class XmlOrdersController {
  @Post('xml')
  create(@Req() req: RawBodyRequest<Request>) {
    const xml = req.rawBody?.toString('utf8') ?? '';
    const doc = libxmljs.parseXml(xml, { noent: true });
    return { reference: doc.get('/order/reference')?.text() ?? null };
  }
}
