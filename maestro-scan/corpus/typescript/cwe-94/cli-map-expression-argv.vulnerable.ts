#!/usr/bin/env ts-node
import { readFileSync } from 'fs';

type Row = Record<string, unknown>;

const [file, column] = process.argv.slice(2);
const rows: Row[] = JSON.parse(readFileSync(file, 'utf8'));

const pick = eval(`(row) => row.${column}`) as (row: Row) => unknown;
for (const row of rows) {
  console.log(pick(row));
}
