/**
 * Validation of NDM/XML documents (CDM among them) against the CCSDS NDM/XML 2.0.0 qualified XSDs with
 * xmllint-wasm (libxml2 compiled to WebAssembly). No file access here: the schema texts are passed in as data
 * (the CLI and the tests load them from `validation/ccsds-schemas/`).
 *
 * In the qualified schemas the root (`cdm`, `ndm`, ... declared by the master schema, which has no target
 * namespace) is unqualified and every element below it is in `urn:ccsds:schema:ndmxml`. Many real files (Orekit's,
 * CCSDS examples) carry no namespace at all; with `assumeNamespace` (default true) each child of the root that
 * declares no default namespace gets `xmlns="urn:ccsds:schema:ndmxml"` inside its start tag (same line, so the
 * line numbers of the errors still match the input).
 */
import { validateXML } from 'xmllint-wasm';
import { NDM_XML_NAMESPACE } from './xml.ts';

/** One XSD: its file name (as the includes name it) and its text. */
export interface SchemaFile {
  readonly fileName: string;
  readonly contents: string;
}

export interface SchemaValidationError {
  /** 1-based line in the validated text, when xmllint gave one. */
  readonly line: number | undefined;
  readonly message: string;
}

export interface SchemaValidationResult {
  readonly valid: boolean;
  readonly errors: readonly SchemaValidationError[];
  /** True when a namespace was added to the root for validation. */
  readonly namespaceAdded: boolean;
}

export interface ValidateNdmXmlOptions {
  /** File name of the entry schema (default `ndmxml-2.0.0-master-2.0.xsd`). */
  readonly entry?: string;
  /** Add the NDM/XML namespace to a root element that has none (default true). */
  readonly assumeNamespace?: boolean;
}

/** Strips a leading `./` from include/import locations (xmllint-wasm resolves bare names only). */
export function normaliseSchemaIncludes(xsd: string): string {
  return xsd.replace(/schemaLocation="\.\//g, 'schemaLocation="');
}

/** Validates an NDM/XML text against the given schema set; resolves with every schema error and its line. */
export async function validateNdmXml(xml: string, schemas: readonly SchemaFile[], options: ValidateNdmXmlOptions = {}): Promise<SchemaValidationResult> {
  const entry = options.entry ?? 'ndmxml-2.0.0-master-2.0.xsd';
  const main = schemas.find((s) => s.fileName === entry);
  if (!main) {
    return { valid: false, errors: [{ line: undefined, message: `schema ${entry} is not among the ${schemas.length} schema files given.` }], namespaceAdded: false };
  }
  const input = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const { text, namespaceAdded } = options.assumeNamespace === false ? { text: input, namespaceAdded: false } : qualifyRootChildren(input);
  const result = await validateXML({
    xml: [{ fileName: 'input.xml', contents: text }],
    schema: [{ fileName: main.fileName, contents: normaliseSchemaIncludes(main.contents) }],
    preload: schemas.filter((s) => s !== main).map((s) => ({ fileName: s.fileName, contents: normaliseSchemaIncludes(s.contents) })),
  });
  const errors = result.errors.map((e) => ({ line: e.loc?.lineNumber, message: e.message.trim() }));
  return { valid: result.valid, errors, namespaceAdded };
}

/** Adds the NDM/XML default namespace to the root's child elements that declare none. */
function qualifyRootChildren(xml: string): { text: string; namespaceAdded: boolean } {
  const TAG = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/[^>]*>|<([^\s/>!?]+)([^>]*?)(\/?)>/g;
  let depth = 0;
  let out = '';
  let last = 0;
  let added = false;
  for (let m = TAG.exec(xml); m !== null; m = TAG.exec(xml)) {
    const tok = m[0];
    if (tok.startsWith('</')) depth--;
    else if (m[1] !== undefined) {
      if (depth === 1 && !/\sxmlns\s*=/.test(m[2] ?? '') && !m[1].includes(':')) {
        const at = m.index + 1 + m[1].length;
        out += xml.slice(last, at) + ` xmlns="${NDM_XML_NAMESPACE}"`;
        last = at;
        added = true;
      }
      if (m[3] !== '/') depth++;
    }
  }
  return { text: out + xml.slice(last), namespaceAdded: added };
}
