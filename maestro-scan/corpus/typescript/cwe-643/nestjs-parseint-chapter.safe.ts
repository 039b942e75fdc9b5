import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { readFileSync } from 'fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const book = new DOMParser().parseFromString(readFileSync('book.xml', 'utf8'), 'text/xml');

@Controller('chapters')
export class ChaptersController {
  @Get(':n')
  chapter(@Param('n', ParseIntPipe) n: number) {
    const title = xpath.select(`string(/book/chapter[${n}]/title)`, book as any);
    return { n, title };
  }
}
