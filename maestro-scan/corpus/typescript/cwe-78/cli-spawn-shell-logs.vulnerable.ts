#!/usr/bin/env ts-node
import { spawn } from 'child_process';

const service = process.argv[2] ?? 'api';
const since = process.argv[3] ?? '1h';

const child = spawn('journalctl', ['-u', service, '--since', `-${since}`, '--no-pager'], {
  shell: true,
  stdio: 'inherit',
});

child.on('exit', (code: number | null) => process.exit(code ?? 1));
