import { createHmac } from 'crypto';

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

export function signRequest(path: string, payload: unknown, key: string, secret: string): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('md5', secret).update(`${timestamp}\n${path}\n${body}`).digest('hex');
  return { headers: { 'X-Key': key, 'X-Timestamp': timestamp, 'X-Signature': signature }, body };
}
