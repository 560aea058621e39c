import { redirect } from 'next/navigation';
import { getSessionContext } from '@/lib/auth/session';

export default async function Home() {
  redirect((await getSessionContext()) ? '/dashboard' : '/sign-in');
}
