// Part of `npm run build`: validates the shipped plans and indicator catalogue with the compiled
// validator (a failure fails the build) and records the contents that passed unchanged in
// dist/plans.checked.json, so that a command reading only those need not load zod (io/plans.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { checkShippedPlans } = await import('../dist/io/plans.js');
const marker = checkShippedPlans();
writeFileSync(
  fileURLToPath(new URL('../dist/plans.checked.json', import.meta.url)),
  `${JSON.stringify(marker, null, 2)}\n`,
);
