import Alert from 'react-bootstrap/Alert';

/** Says which URL filters a page ignored because they did not parse, and why. */
export function IgnoredParams({ errors, labels }: { errors: { field: string; message: string }[]; labels: Record<string, string> }) {
  if (errors.length === 0) return null;
  return (
    <Alert variant="warning" className="py-2 small" role="alert" data-testid="ignored-params">
      Ignored {errors.length === 1 ? 'a filter that is' : 'filters that are'} not valid:{' '}
      {errors.map((e) => `${labels[e.field] ?? e.field} (${e.message})`).join('; ')}.
    </Alert>
  );
}
