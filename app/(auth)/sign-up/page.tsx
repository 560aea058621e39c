import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getSessionContext } from '@/lib/auth/session';
import { signUpAction } from '../actions';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  if (await getSessionContext()) redirect('/dashboard');
  return (
    <>
      <h1 className="h5 mb-3 text-center">Create your WhatsLab workspace</h1>
      <SignUpForm action={signUpAction} />
      <p className="mt-3 mb-0 text-center small">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
