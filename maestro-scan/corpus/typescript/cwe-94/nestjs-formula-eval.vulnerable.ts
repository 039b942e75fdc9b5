import { BadRequestException, Body, Controller, Post } from '@nestjs/common';

type Op = 'sum' | 'avg' | 'max';

const AGGREGATES: Record<Op, (xs: number[]) => number> = {
  sum: (xs) => xs.reduce((a, b) => a + b, 0),
  avg: (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1),
  max: (xs) => Math.max(...xs),
};

@Controller('reports')
export class ReportsController {
  @Post('aggregate')
  aggregate(@Body() body: { values: number[]; formula: string }) {
    const values = body.values.map(Number);
    const result = eval(`(function (values) { return ${body.formula}; })`)(values);
    return { result };
  }
}
