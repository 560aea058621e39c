import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getSessionContext } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { signInAction } from '../actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if (await getSessionContext()) redirect('/dashboard');
  const isDemo = env().isDemoSeedEnabled;
  return (
    <>
      <h1 className="h5 mb-3 text-center">Sign in to your workspace</h1>
      {isDemo && (
        <p className="small text-muted text-center" data-testid="demo-hint">
          Demo: <code>demo@whatslab.dev</code> / <code>whatslab-demo</code>
        </p>
      )}
      <SignInForm action={signInAction} />
      <p className="mt-3 mb-0 text-center small">
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </>
  );
}
