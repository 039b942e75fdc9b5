import { Controller, Get, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Product } from './product.entity';

@Controller('products')
export class ProductsController {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  @Get()
  search(@Query('q') term = ''): Promise<Product[]> {
    return this.products
      .createQueryBuilder('product')
      .where(`product.name ILIKE '%${term}%'`)
      .orderBy('product.name')
      .take(50)
      .getMany();
  }
}
