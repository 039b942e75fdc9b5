import { Controller, Post, RawBodyRequest, Req } from '@nestjs/common';
import { Request } from 'express';
import { XMLParser } from 'fast-xml-parser';

@Controller('orders')
export class XmlOrdersController {
  @Post('xml')
  create(@Req() req: RawBodyRequest<Request>) {
    const xml = req.rawBody?.toString('utf8') ?? '';
    const doc = new XMLParser({ processEntities: false }).parse(xml);
    return { reference: doc.order?.reference ?? null };
  }
}
