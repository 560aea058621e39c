import { z } from 'zod';

// Shared by the browser forms (zodResolver) and the server actions.
export const email = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address'));

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  email,
  password: z.string().min(8, 'Use at least 8 characters').max(128, 'Use at most 128 characters'),
  workspaceName: z.string().trim().min(2, 'Name your workspace (at least 2 characters)').max(80),
});
export type SignUpInput = z.infer<typeof signUpSchema>;
