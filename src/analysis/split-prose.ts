// Separates a comment body into prose and the parts text signals must not read: code, suggestions, quotes, links (docs/architecture.md, "The rubric").

/** Inline code in prose is replaced by this word so sentences keep their grammar ("rename to codespan") without the code's text. */
export const CODE_PLACEHOLDER = "codespan";
/** Links in prose are replaced by this word ("see link") once their target is recorded as a reference. */
export const LINK_PLACEHOLDER = "link";

export interface ProseParts {
  /** Prose with inline code and URLs masked by placeholders; what text signals read. */
  prose: string;
  /** Prose with inline code kept verbatim, for rewrites that quote the reviewer's own request. */
  proseWithCode: string;
  inlineCode: string[];
  /** Fenced code blocks other than ```suggestion (examples, traces). */
  codeBlocks: string[];
  /** Contents of ```suggestion blocks (GitHub's proposed-change syntax). */
  suggestions: string[];
  /** Text of `>` quoted lines. */
  quotes: string[];
  /** Link targets found in prose (markdown links, autolinks, bare URLs). */
  urls: string[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const QUOTE_LINE = /^\s{0,3}>/;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const INLINE_CODE = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
const IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)/g;
const MD_LINK = /\[([^\]]+)\]\(\s*<?([^)\s>]+)>?[^)]*\)/g;
const AUTOLINK = /<((?:https?|ftp):\/\/[^>\s]+)>/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()[\]`]+[^\s<>()[\]`.,;:!?'"]/g;

interface Fence {
  marker: string;
  info: string;
  lines: string[];
}

export function splitProse(body: string): ProseParts {
  const codeBlocks: string[] = [];
  const suggestions: string[] = [];
  const quotes: string[] = [];
  const proseLines: string[] = [];
  let fence: Fence | undefined;

  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    if (fence) {
      if (closesFence(line, fence.marker)) {
        (fence.info === "suggestion" ? suggestions : codeBlocks).push(fence.lines.join("\n"));
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { marker: open[1] ?? "```", info: (open[2] ?? "").toLowerCase(), lines: [] };
      continue;
    }
    if (QUOTE_LINE.test(line)) {
      quotes.push(line.replace(/^\s*(?:>\s?)+/, ""));
      continue;
    }
    proseLines.push(line);
  }
  // An unclosed fence still holds code: GitHub renders it as code to the end of the comment.
  if (fence) (fence.info === "suggestion" ? suggestions : codeBlocks).push(fence.lines.join("\n"));

  const proseWithCode = proseLines.join("\n").replace(HTML_COMMENT, " ").trim();
  const inlineCode: string[] = [];
  const urls: string[] = [];
  const prose = proseWithCode
    .replace(INLINE_CODE, (_m, _ticks: string, code: string) => {
      inlineCode.push(code);
      return CODE_PLACEHOLDER;
    })
    .replace(IMAGE, (_m, _alt: string, url: string) => {
      urls.push(url);
      return " ";
    })
    .replace(MD_LINK, (_m, text: string, url: string) => {
      urls.push(url);
      return text;
    })
    .replace(AUTOLINK, (_m, url: string) => {
      urls.push(url);
      return LINK_PLACEHOLDER;
    })
    .replace(BARE_URL, (url) => {
      urls.push(url);
      return LINK_PLACEHOLDER;
    });

  return { prose, proseWithCode, inlineCode, codeBlocks, suggestions, quotes, urls };
}

function closesFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  const char = marker[0] ?? "`";
  return trimmed.length >= marker.length && [...trimmed].every((c) => c === char);
}
