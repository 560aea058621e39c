import { LandingResultsChart } from '@/components/leadgen/landing-results-chart';
import type { ResultRow } from '@/lib/landing-pages/get-landing-page-results';
import { LandingResultsTable } from './landing-results-table';

type Group = { caption: string; keyLabel: string; rows: ResultRow[]; hasViews?: boolean };

// Each grouping of a page's results as a chart with its table beside it (below on phones).
export function LandingResults({ groups }: { groups: Group[] }) {
  return (
    <>
      {groups.map((g) => (
        <div className="row g-3" key={g.caption}>
          <div className="col-xl-5">
            <LandingResultsChart rows={g.rows} label={g.caption} hasViews={g.hasViews ?? true} />
          </div>
          <div className="col-xl-7">
            <LandingResultsTable caption={g.caption} keyLabel={g.keyLabel} rows={g.rows} hasViews={g.hasViews ?? true} />
          </div>
        </div>
      ))}
    </>
  );
}
