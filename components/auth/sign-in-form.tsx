'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useForm } from 'react-hook-form';
import { signInSchema, type SignInInput } from '@/lib/auth/schema';
import type { ActionResult } from '@/lib/http/action-result';

type Props = { action: (input: SignInInput) => Promise<ActionResult>; defaultEmail?: string };

export function SignInForm({ action, defaultEmail }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: defaultEmail ?? '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(values);
    if (result.ok) {
      router.push('/dashboard');
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) {
      setError(field as keyof SignInInput, { message });
    }
    setFormError(result.message);
  });

  const { errors, isSubmitting } = formState;
  return (
    <Form noValidate onSubmit={onSubmit}>
      {formError && <Alert variant="danger">{formError}</Alert>}
      <Form.Group className="mb-3" controlId="email">
        <Form.Label>Email</Form.Label>
        <Form.Control type="email" autoComplete="email" isInvalid={!!errors.email} {...register('email')} />
        <Form.Control.Feedback type="invalid">{errors.email?.message}</Form.Control.Feedback>
      </Form.Group>
      <Form.Group className="mb-3" controlId="password">
        <Form.Label>Password</Form.Label>
        <Form.Control type="password" autoComplete="current-password" isInvalid={!!errors.password} {...register('password')} />
        <Form.Control.Feedback type="invalid">{errors.password?.message}</Form.Control.Feedback>
      </Form.Group>
      <Button type="submit" className="w-100" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </Button>
    </Form>
  );
}
