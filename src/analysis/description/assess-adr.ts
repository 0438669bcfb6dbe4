// Whether a PR touches what the team calls architectural (configured paths, optionally dependency manifests) and
// whether its description links an architecture decision record (docs/architecture.md, "Descriptions"). Pure.
import { matchesAnyGlob } from "../../coaching/policy-glob.js";

export interface AdrRules {
  /** Globs whose changes count as architectural (config `descriptions.adr.paths`). */
  paths: readonly string[];
  /** Whether a changed dependency manifest (package.json, go.mod…) counts as architectural too. */
  dependencyManifests: boolean;
  /** The folder ADRs live in, e.g. "docs/adr"; a link into it counts as an ADR link. */
  folder: string;
}

export interface AdrReading {
  /** null when the changed files are unknown (the files API refused): nothing is claimed either way. */
  architectural: boolean | null;
  /** Up to 3 of the architectural files touched, for the nudge to name. */
  touched: string[];
  linksAdr: boolean;
}

/** Manifests that declare dependencies; lock files follow them and are not decisions of their own. */
const MANIFESTS = new Set([
  "package.json",
  "go.mod",
  "cargo.toml",
  "pyproject.toml",
  "setup.py",
  "setup.cfg",
  "pipfile",
  "gemfile",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
  "composer.json",
  "mix.exs",
  "pubspec.yaml",
  "package.swift",
  "podfile",
  "deno.json",
]);

export function isDependencyManifest(path: string): boolean {
  const name = (path.split("/").pop() ?? "").toLowerCase();
  return MANIFESTS.has(name) || /^requirements[\w.-]*\.txt$/.test(name) || /\.csproj$/.test(name);
}

/** An `ADR-12` / `ADR 0012` reference, or a link (or path) into the ADR folder. */
export function linksAdr(body: string, folder: string): boolean {
  if (/\bADR[-_ ]?\d{1,5}\b/i.test(body)) return true;
  const dir = folder.replace(/^\.?\/+|\/+$/g, "");
  if (dir === "") return false;
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[\\s(/\\[])${escaped}/[^\\s)]*[\\w-]`, "i").test(body);
}

export function assessAdr(
  input: { body: string | null; files: readonly string[] | null },
  rules: AdrRules,
): AdrReading {
  const body = input.body ?? "";
  const linked = linksAdr(body, rules.folder);
  if (rules.paths.length === 0 && !rules.dependencyManifests)
    return { architectural: false, touched: [], linksAdr: linked };
  if (input.files === null) return { architectural: null, touched: [], linksAdr: linked };
  const dir = rules.folder.replace(/^\.?\/+|\/+$/g, "");
  const touched = input.files.filter(
    (path) =>
      // Writing the ADR itself is not a change that needs one.
      !(dir !== "" && path.startsWith(`${dir}/`)) &&
      (matchesAnyGlob(rules.paths, path) || (rules.dependencyManifests && isDependencyManifest(path))),
  );
  const addsAdr = dir !== "" && input.files.some((path) => path.startsWith(`${dir}/`));
  return { architectural: touched.length > 0, touched: touched.slice(0, 3), linksAdr: linked || addsAdr };
}
