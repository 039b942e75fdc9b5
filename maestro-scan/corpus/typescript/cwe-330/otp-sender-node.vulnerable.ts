import { sendSms } from './sms';
import { storeOtp } from './otp-store';

export async function sendLoginCode(phone: string): Promise<void> {
  const code = Math.floor(Math.random() * 1_000_000).toString().padStart(6, '0');
  await storeOtp(phone, code, 300);
  await sendSms(phone, `Your sign-in code: ${code}`);
}
