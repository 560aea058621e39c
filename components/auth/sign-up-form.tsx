'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useForm } from 'react-hook-form';
import { signUpSchema, type SignUpInput } from '@/lib/auth/schema';
import type { ActionResult } from '@/lib/http/action-result';

type Props = { action: (input: SignUpInput) => Promise<ActionResult> };

const FIELDS: { name: keyof SignUpInput; label: string; type: string; autoComplete: string }[] = [
  { name: 'name', label: 'Your name', type: 'text', autoComplete: 'name' },
  { name: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  { name: 'password', label: 'Password', type: 'password', autoComplete: 'new-password' },
  { name: 'workspaceName', label: 'Workspace name', type: 'text', autoComplete: 'organization' },
];

export function SignUpForm({ action }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SignUpInput>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', password: '', workspaceName: '' },
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
      setError(field as keyof SignUpInput, { message });
    }
    setFormError(result.message);
  });

  const { errors, isSubmitting } = formState;
  return (
    <Form noValidate onSubmit={onSubmit}>
      {formError && <Alert variant="danger">{formError}</Alert>}
      {FIELDS.map((f) => (
        <Form.Group className="mb-3" controlId={f.name} key={f.name}>
          <Form.Label>{f.label}</Form.Label>
          <Form.Control type={f.type} autoComplete={f.autoComplete} isInvalid={!!errors[f.name]} {...register(f.name)} />
          <Form.Control.Feedback type="invalid">{errors[f.name]?.message}</Form.Control.Feedback>
        </Form.Group>
      ))}
      <Button type="submit" className="w-100" disabled={isSubmitting}>
        {isSubmitting ? 'Creating your workspace…' : 'Create account'}
      </Button>
    </Form>
  );
}
