'use client';

// The GraphiQL bundle (Monaco editor and its workers) loads only on this page, from our own
// build: no CDN. Requests go to /api/graphql with the signed-in session (same origin).
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import type { ComponentProps } from 'react';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const fetcher: Fetcher = async (params) => {
  const res = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return res.json();
};

export const EXAMPLE_QUERY = `# Runs as you, in this workspace. Press the play button (or Ctrl+Enter).
query RecentLeads {
  viewer { workspace { name } scopes }
  leads(first: 5) {
    totalCount
    edges { node { id name phone tags createdAt lastMessage { status } } }
  }
}
`;

export default function GraphiqlPanel() {
  return (
    <div style={{ height: '70vh' }} className="border rounded bg-white">
      <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE_QUERY} />
    </div>
  );
}
