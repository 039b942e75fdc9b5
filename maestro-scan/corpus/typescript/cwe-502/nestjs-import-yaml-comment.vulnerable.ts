import { Body, Controller, Post } from '@nestjs/common';
import * as yaml from 'js-yaml';
import { types } from 'js-yaml-js-types';

const schema = yaml.DEFAULT_SCHEMA.extend(types.function);

@Controller('pipelines')
export class PipelinesController {
  @Post('import')
  import(@Body('definition') definition: string) {
    const pipeline = yaml.load(definition, { schema }) as { stages?: { name: string }[] };
    return { stages: (pipeline.stages ?? []).map((s) => s.name) };
  }
}
