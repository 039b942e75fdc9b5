import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { parseStringPromise } from 'xml2js';

@Controller('catalog')
export class CatalogImportController {
  @Post('import')
  @UseInterceptors(FileInterceptor('feed'))
  async import(@UploadedFile() file: Express.Multer.File) {
    const doc = await parseStringPromise(file.buffer.toString('utf8'));
    const skus: string[] = (doc.catalog?.product ?? []).map((p: { $: { sku: string } }) => p.$.sku);
    return { imported: skus.length };
  }
}
