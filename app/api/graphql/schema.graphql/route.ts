// GET /api/graphql/schema.graphql - the API's schema (SDL), public like the documentation
import { printApiSchema } from '@/lib/graphql/schema';

export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  return new Response(printApiSchema(), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': 'inline; filename="schema.graphql"' },
  });
}
