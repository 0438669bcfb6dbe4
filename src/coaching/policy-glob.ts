// Glob matching for coaching.ignore_paths, minimatch-style: `**` spans folders, `*` and `?` stay inside one.
//
// Supported: `*`, `?`, `**` (as a whole path segment), `{a,b}` alternatives, `[abc]`/`[!abc]` classes.
// Dot files match like any other file (`*.lock` matches `.yarn.lock`): a team listing a pattern means it.
// A pattern without a slash matches from the repository root, as in minimatch: write `**/*.lock` for any folder.

const cache = new Map<string, RegExp>();

export function matchGlob(pattern: string, path: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${globToRegExpSource(pattern.replace(/^\.?\//, ""))}$`);
    cache.set(pattern, re);
  }
  return re.test(path.replace(/^\.?\//, ""));
}

export function matchesAnyGlob(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => matchGlob(p, path));
}

function globToRegExpSource(glob: string): string {
  let out = "";
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i] as string;
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const next = glob[i + 2];
        if (atStart && next === "/") {
          // "**/" matches zero or more whole folders.
          out += "(?:[^/]*/)*";
          i += 3;
          continue;
        }
        if (atStart && next === undefined) {
          out += ".*";
          i += 2;
          continue;
        }
      }
      out += "[^/]*";
      i += glob[i + 1] === "*" ? 2 : 1;
      continue;
    }
    if (ch === "?") {
      out += "[^/]";
    } else if (ch === "{") {
      const close = glob.indexOf("}", i);
      if (close === -1) {
        out += "\\{";
      } else {
        const alternatives = glob
          .slice(i + 1, close)
          .split(",")
          .map(globToRegExpSource);
        out += `(?:${alternatives.join("|")})`;
        i = close + 1;
        continue;
      }
    } else if (ch === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) {
        out += "\\[";
      } else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = close + 1;
        continue;
      }
    } else {
      out += ch.replace(/[.+^$()|\\\]]/g, "\\$&");
    }
    i++;
  }
  return out;
}
