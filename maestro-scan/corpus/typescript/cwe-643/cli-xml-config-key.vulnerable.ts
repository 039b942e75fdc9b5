#!/usr/bin/env ts-node
import { readFileSync } from 'fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const [file, key] = process.argv.slice(2);
const doc = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/xml');

const value = xpath.select(`string(/configuration/appSettings/add[@key='${key}']/@value)`, doc as any);
console.log(value || `(no value for ${key})`);
