// Glob matching for path lists in the config (coaching.ignore_paths, descriptions.ui_paths, …), by picomatch: `**`
// spans folders, `*` and `?` stay inside one, `{a,b}` and `[abc]`/`[!abc]` work as in any shell.
// Dot files match like any other file (`*.lock` matches `.yarn.lock`): a team listing a pattern means it.
// A pattern without a slash matches from the repository root, as in minimatch: write `**/*.lock` for any folder.
import picomatch from "picomatch";

const matchers = new Map<string, (path: string) => boolean>();

const fromRoot = (path: string): string => path.replace(/^\.?\//, "");

export function matchGlob(pattern: string, path: string): boolean {
  let matches = matchers.get(pattern);
  if (!matches) {
    // posix: `[!ab]` is a negated class, as in a shell (without it picomatch reads the `!` as a character).
    matches = picomatch(fromRoot(pattern), { dot: true, posix: true });
    matchers.set(pattern, matches);
  }
  return matches(fromRoot(path));
}

export function matchesAnyGlob(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => matchGlob(p, path));
}
