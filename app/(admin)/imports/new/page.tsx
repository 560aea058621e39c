import type { Metadata } from 'next';
import { ImportWizard } from '@/components/imports/import-wizard';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { listAttributeKeys } from '@/lib/imports/list-attribute-keys';
import { listImportPresets } from '@/lib/imports/import-presets';

export const metadata: Metadata = { title: 'Import leads' };

export default async function NewImportPage() {
  const ctx = await requirePageContext('admin');
  const [presets, attributeKeys] = await Promise.all([listImportPresets(ctx.workspace.id), listAttributeKeys(ctx.workspace.id)]);
  return (
    <>
      <PageHeader title="Import leads from CSV">
        One lead per phone number: rows with a phone already in the workspace update that lead, by the rule you choose. An appointments
        file books each row with the lead of its phone or e-mail.
      </PageHeader>
      <ImportWizard defaultCountry={ctx.workspace.defaultCountry} presets={presets} timeZone={ctx.workspace.timezone} attributeKeys={attributeKeys} />
    </>
  );
}
