import { Body, Controller, Post } from '@nestjs/common';
import * as libxmljs from 'libxmljs2';

const EXPAND_ENTITIES = false;

@Controller('config')
export class ConfigController {
  @Post('validate')
  validate(@Body() body: { xml: string }) {
    const doc = libxmljs.parseXml(body.xml, { noent: EXPAND_ENTITIES });
    return { root: doc.root()?.name() ?? null };
  }
}
