import { Body, Controller, Post } from '@nestjs/common';
import * as yaml from 'js-yaml';

// no js-yaml-js-types / !!js/function here: imported pipelines are plain data
const schema = yaml.FAILSAFE_SCHEMA;

@Controller('pipelines')
export class PipelinesController {
  @Post('import')
  import(@Body('definition') definition: string) {
    const pipeline = yaml.load(definition, { schema }) as { stages?: { name: string }[] };
    return { stages: (pipeline.stages ?? []).map((s) => s.name) };
  }
}
