import { vi } from 'vitest';
import { overrideEnvForTests } from '@/lib/env';

// Test helper: records everything written to the console, stdout and stderr (still printed),
// with LOG_LEVEL=debug, so a test can prove a secret never reaches a log line.
export function captureOutput(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const restoreEnv = overrideEnvForTests({ LOG_LEVEL: 'debug' });
  const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((stream) =>
    vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  for (const s of [process.stdout, process.stderr]) {
    const original = s.write.bind(s);
    spies.push(
      vi.spyOn(s, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        lines.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof s.write) as never,
    );
  }
  return {
    lines,
    stop: () => {
      for (const spy of spies) spy.mockRestore();
      restoreEnv();
    },
  };
}
