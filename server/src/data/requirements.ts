import { fileURLToPath } from 'node:url';
import { fromZod } from '@sua-sandbox/rules/engine';
import { RequirementsRegister } from '@sua-sandbox/rules/model';
import { invalidDataFile, readDataFile } from './data-file.js';

/** The register of the provisions the Cap. 448G rulebooks implement (with Cap. 448E, the AIP, L.N. 82 of 2025). */
export const REQUIREMENTS_FILE = fileURLToPath(new URL('../../../rules/requirements/cap448g.yaml', import.meta.url));

/** Load and validate a requirements register file (YAML or JSON). Throws DataFileError naming the line. */
export function loadRequirementsFile(file: string = REQUIREMENTS_FILE): RequirementsRegister {
  const f = readDataFile(file);
  const r = RequirementsRegister.safeParse(f.data);
  if (!r.success) throw invalidDataFile(f, fromZod(r.error));
  return r.data;
}
