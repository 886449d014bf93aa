const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
};

/** Why a file could not be read, in words with the system's code after it: "no such file (ENOENT)". */
export function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return err instanceof Error ? err.message : String(err);
  return WORDS[code] ? `${WORDS[code]} (${code})` : code;
}
