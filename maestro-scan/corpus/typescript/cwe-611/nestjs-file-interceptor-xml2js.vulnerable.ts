import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import * as libxmljs from 'libxmljs2';

@Controller('catalog')
export class CatalogImportController {
  @Post('import')
  @UseInterceptors(FileInterceptor('feed'))
  async import(@UploadedFile() file: Express.Multer.File) {
    const doc = libxmljs.parseXml(file.buffer.toString('utf8'), { noent: true, dtdload: true });
    const skus = doc.find('//product/@sku').map((a) => (a as libxmljs.Attribute).value());
    return { imported: skus.length };
  }
}
