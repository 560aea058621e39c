// npm run graphql:schema - writes lib/graphql/schema.graphql from the code (commit the result)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printApiSchema } from '@/lib/graphql/schema';

const file = path.join(process.cwd(), 'lib/graphql/schema.graphql');
writeFileSync(file, printApiSchema());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
