'use client';

import dynamic from 'next/dynamic';

// Monaco touches `window`: load GraphiQL in the browser only, after the page is up.
const GraphiqlPanel = dynamic(() => import('./graphiql-panel'), {
  ssr: false,
  loading: () => <p className="text-muted">Loading the explorer…</p>,
});

export function GraphqlExplorer() {
  return <GraphiqlPanel />;
}
