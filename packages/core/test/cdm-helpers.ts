/** Shared helpers for the CDM tests: fixture lists, schema loading, comment normalisation for cross-format checks. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Cdm, CdmObject, SchemaFile } from '../src/index.ts';
import { repoRoot, validation } from './catalog-helpers.ts';

export { repoRoot, validation };
export const orekitCdmDir = validation('orekit-cdm');

/** Orekit CDM fixtures Orekit itself rejects, with the keyword and line Skylane must name. */
export const BROKEN_FIXTURES: Record<string, { field: string; line: number }> = {
  'CDM-covariance-wrong-entry-format.txt': { field: 'CRDOT_T', line: 65 },
  'CDM-missing-TCA.txt': { field: 'TCA', line: 5 },
  'CDM-missing-object2-state-vector.txt': { field: 'X', line: 43 },
  'CDM-missing-object1-covariance-block.xml': { field: 'CR_R', line: 41 },
  'CDM-wrong-key-word.txt': { field: 'WRONG_KEYWORD', line: 6 },
  'CDMExample1InvalidTca.txt': { field: 'TCA', line: 5 },
  'CDMExample_issue1319_mandatory_empty_value.xml': { field: 'X', line: 88 },
};

export function orekitFixtures(): { good: string[]; broken: string[] } {
  const all = readdirSync(orekitCdmDir).filter((f) => f !== 'PROVENANCE.md').sort();
  return { good: all.filter((f) => !(f in BROKEN_FIXTURES)), broken: all.filter((f) => f in BROKEN_FIXTURES) };
}

export function loadSchemas(): SchemaFile[] {
  const dir = validation('ccsds-schemas');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xsd'))
    .map((f) => ({ fileName: f, contents: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Folds every comment of an object into one list (KVN cannot tell a data-block comment from an od comment). */
function foldObject(o: CdmObject): unknown {
  const all = [...o.dataComments, ...(o.odParameters?.comments ?? []), ...(o.additionalParameters?.comments ?? []), ...o.stateVector.comments, ...o.covariance.comments];
  const { odParameters: _od, additionalParameters: _add, ...rest } = o;
  return {
    ...rest,
    dataComments: [],
    ...(o.odParameters && Object.keys(o.odParameters).length > 1 ? { odParameters: { ...o.odParameters, comments: [] } } : {}),
    ...(o.additionalParameters && Object.keys(o.additionalParameters).length > 1 ? { additionalParameters: { ...o.additionalParameters, comments: [] } } : {}),
    stateVector: { ...o.stateVector, comments: [] },
    covariance: { ...o.covariance, comments: [] },
    allDataComments: all,
  };
}
export function foldComments(c: Cdm): unknown {
  return { ...c, object1: foldObject(c.object1), object2: foldObject(c.object2) };
}

/** Removes all comments (JSON carries none). */
export function stripComments(c: Cdm): unknown {
  const strip = ({ odParameters: _od, additionalParameters: _add, ...rest }: CdmObject): unknown => ({
    ...rest,
    metadata: { ...rest.metadata, comments: [] },
    dataComments: [],
    ...(_od && Object.keys(_od).length > 1 ? { odParameters: { ..._od, comments: [] } } : { odParameters: undefined }),
    ...(_add && Object.keys(_add).length > 1 ? { additionalParameters: { ..._add, comments: [] } } : { additionalParameters: undefined }),
    stateVector: { ...rest.stateVector, comments: [] },
    covariance: { ...rest.covariance, comments: [] },
  });
  return { ...c, header: { ...c.header, comments: [] }, relative: { ...c.relative, comments: [] }, object1: strip(c.object1), object2: strip(c.object2) };
}

/** The CDM without the CDM 2.0 alternate covariance blocks (which the flat Space-Track JSON form cannot carry). */
export function withoutAlternateCovariance(c: Cdm): Cdm {
  const keep = (o: CdmObject): CdmObject => ({ ...o, extensions: o.extensions.filter((e) => !['covXyz', 'covSig3', 'covMeta'].includes(e.section)) });
  return { ...c, object1: keep(c.object1), object2: keep(c.object2) };
}
