import { readFileSync } from 'node:fs';
import { formatIssue, type Issue } from '@sua-sandbox/rules/engine';
import { isNode, LineCounter, parseDocument } from 'yaml';

/** A data file that does not parse or validate. The message names the file, line and field of each issue. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: Issue[],
    lines: string[],
  ) {
    super(
      `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.map((l) => `  ${l}`).join('\n')}`,
    );
    this.name = 'DataFileError';
  }
}

export interface ParsedFile {
  file: string;
  data: unknown;
  /** "line 12" for a path in the file, when the path exists. */
  lineOf(path: readonly (string | number)[]): string | undefined;
}

/**
 * Read a YAML (or JSON) data file, with merge keys (`<<: *anchor`, used by scenarios to share crew and
 * operations) and a lookup from a data path to its line for error messages. Syntax errors become a
 * DataFileError naming the line.
 */
export function readDataFile(file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((e) => ({ path: [], message: e.message }));
    throw new DataFileError(
      file,
      issues,
      issues.map((i) => i.message),
    );
  }
  return {
    file,
    data: doc.toJS(),
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) return `line ${lineCounter.linePos(node.range[0]).line}`;
      }
      return undefined;
    },
  };
}

/** The DataFileError for validation issues in a parsed file, each prefixed with its line. */
export function invalidDataFile(f: ParsedFile, issues: Issue[]): DataFileError {
  return new DataFileError(
    f.file,
    issues,
    issues.map((i) => {
      const line = f.lineOf(i.path);
      return line ? `${line}: ${formatIssue(i)}` : formatIssue(i);
    }),
  );
}
