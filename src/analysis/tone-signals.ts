// Finds harsh tone (docs/architecture.md, "The rubric"): contempt or blame markers, profanity, shouting, stacked !!!/???. Reads prose only.
import type { Signal } from "./assessment.js";

export interface ToneOptions {
  /**
   * Treat every "just" as contempt. Off by default: measured on ToxiCR and the eval set, a bare "just"
   * ("just use a map") is mostly neutral; only "just read/google/learn/…" reads as contempt.
   */
  plainJust?: boolean;
}

// Measured on the ToxiCR sample (see test/analysis/README.md): "useless"/"pointless" about code were almost never
// labelled toxic there (1 of 47), so they are not markers; technical senses ("lazy-load", "garbage collected") are skipped.
const CONTEMPT =
  /\b(?:obviously|did you even|do you even|have you even|why (?:would|did|do) (?:you|anyone|someone|somebody)|why on earth|why the (?:hell|heck|fuck)|who (?:wrote|thought|came up with|approved) this|what were you thinking|makes no sense|doesn't make (?:any )?sense|does not make (?:any )?sense|no sense at all|lazy(?![- ](?:load|init|eval|val\b|static|import|instantiat|list|seq|propert|initiali))|stupid\w*|dumb|idiot\w*|moron\w*|garbage(?![- ]?collect)|trash|rubbish|junk|terrible|horrible|awful|embarrassing|pathetic|ridiculous|nonsense|absurd|insane|a mess|ugly|incompetent|sloppy|amateur\w*|noob|clueless|are you serious|seriously|i told you|how many times|not this again|ugh+|argh+|come on|for god'?s sake|learn (?:how )?to (?:code|read|program)|rtfm|read the (?:docs|manual|fucking)|just (?:read|google|look it up|learn|think|rtfm|use your head)|you (?:always|never) |do your job|no idea what you|waste of (?:my |our )?time|shame on|yuck\w*|yuk|eww+|disgusting|horrendous|atrocious|brain ?dead|crappy|silly|lame|monstrosity|abomination|i (?:really )?hate (?:this|it|that|these|those|you)|shut up)\b/i;
const PROFANITY =
  /\b(?:fuck\w*|f\*+(?:k|ing)?\w*|fu\*+|fsck\w*|shit\w*|sh\*+\w*|bullshit|crap\w*|damn\w*|dammit|goddamn\w*|darn\w*|wtf(?!::)|ffs|omfg|stfu|ass(?:es|hole\w*)?|bitch\w*|bastard\w*|piss\w*|bloody|dick(?:s|head)?|jerks?|douche\w*|retard\w*|turd|fugly|sucks?|sucky|sucked|sucking|screw(?:ed)?(?: (?:it|this|that|you|up))?|(?:what|why|how|who|where|the) the (?:hell|heck)|(?:like|as) hell|hell (?:no|of a|is this)|to hell)(?=\W|$)/i;
// Self-deprecation ("dumb question", "silly me", "I'm stupid") is not harsh toward the author (ToxiCR marks it otherwise).
const SELF_DIRECTED =
  /\b(?:(?:dumb|stupid|silly|lame)\w* (?:question|concern|comment|nit|opinion|mistakes?|me|move on my part|of me)|silly me|my (?:stupid|dumb|silly)|i(?:'m| am| was| must have)? (?:(?:so|being|such|really) )?(?:a |an )?(?:dumb|stupid|silly|idiot|moron)\w*|(?:dumb|stupid) people like me)\b/gi;
const PLAIN_JUST = /\bjust\b/i;

// Capitalised words that are names, not shouting: acronyms and SQL keywords reviewers quote in prose.
export const ACRONYMS: ReadonlySet<string> = new Set(
  (
    "API APIS HTTP HTTPS JSON SQL URL URLS URI TODO FIXME XXX NB PR PRS CI CD DB DBS ID IDS UI UX CSS HTML JS TS AWS GCP CPU GPU RAM IO OK JVM JDK " +
    "XML YAML CSV UTF UTC DST TLS SSL SSH DNS TCP UDP IP REST RPC GRPC CRUD ORM SDK CLI OS NPM LGTM SGTM PTAL IMO IMHO FYI AFAIK TL DR WIP RFC ADR " +
    "MD SHA AES RSA JWT CSRF XSS CORS NULL NOT SELECT FROM WHERE AND OR IN JOIN UPDATE INSERT INTO DELETE DEFAULT PRIMARY KEY INDEX UNIQUE LIMIT " +
    "ORDER BY GROUP VALUES SET TABLE CREATE ALTER DROP AS ON IS LIKE EXISTS CASCADE GET POST PUT PATCH HEAD OPTIONS ASAP EOF EOL LTS GC OOM " +
    "UUID GUID MVP QA PM SLA SLO ETA CVE OWASP PII GDPR ACL RBAC IAM VPC K8S MR BTW IIRC AFK TBD WAL LRU TTL RPS QPS P99 P50 ABI FFI GIL CLR ASCII " +
    "UTF8 PNG JPG SVG PDF SMTP IMAP FTP OAUTH SAML SSO MFA OTP HMAC CRC LOL ACK NACK DAO DTO MVC MVVM BFF SPA SSR CSR CDN DOM JSX TSX"
  ).split(" "),
);
// Everyday words: a run of capitals containing one is shouting, while "SQLA FK" or "SPI GPT" are unknown acronyms.
const EVERYDAY = new Set(
  "THE THIS THAT IT IS ARE WAS WERE YOU YOUR WE I ME MY OF TO IN ON FOR AND OR BUT NO YES WHY WHAT HOW WHO DO DON'T DOES NOT FIX STOP NEVER ALWAYS PLEASE JUST READ AGAIN EVER HAVE HAS WILL CAN CAN'T WON'T SHOULD MUST ALL EVERY HERE THERE NOW".split(
    " ",
  ),
);
// Shouted single words that carry emphasis ("WHY is this", "revert this NOW").
const EMPHASIS = new Set(
  "WHY NOW STOP NEVER ALWAYS JUST READ AGAIN WRONG PLEASE SERIOUSLY WHAT EVER EVERY NOBODY NOTHING REALLY STUPID TERRIBLE MUST".split(
    " ",
  ),
);
const CAPS_WORD = /\b[A-Z][A-Z']*[A-Z]\b/g;
const STACKED = /\?{2,}|!{3,}|\?!|!\?/;

export function toneSignals(text: string, options: ToneOptions = {}): Signal[] {
  const signals: Signal[] = [];
  // Self-directed words are removed only when a marker fired at all: most comments need no second pass.
  const marked = CONTEMPT.test(text) || PROFANITY.test(text);
  const prose = marked ? text.replace(SELF_DIRECTED, " ") : text;
  const contempt =
    (marked ? CONTEMPT.exec(prose) : null) ?? (options.plainJust ? PLAIN_JUST.exec(prose) : null);
  if (contempt) signals.push({ name: "contempt-marker", kind: "harsh", span: contempt[0] });
  const profanity = marked ? PROFANITY.exec(prose) : null;
  if (profanity) signals.push({ name: "profanity", kind: "harsh", span: profanity[0] });
  const shout = shouting(prose);
  if (shout) signals.push({ name: "shouting", kind: "harsh", span: shout });
  const stacked = STACKED.exec(prose);
  if (stacked) signals.push({ name: "stacked-punctuation", kind: "harsh", span: stacked[0] });
  return signals;
}

function shouting(prose: string): string | undefined {
  if (!/[A-Z]{2}/.test(prose)) return undefined;
  const words = prose.match(CAPS_WORD) ?? [];
  const loud = words.filter((w) => !ACRONYMS.has(w.replace(/'/g, "")));
  const emphasis = loud.find((w) => EMPHASIS.has(w.replace(/'/g, "")));
  if (emphasis) return emphasis;
  // Two loud words in a row ("FIX THE INDENTATION") or a mostly upper-case comment is shouting.
  const run = /\b([A-Z][A-Z']+[A-Z])\b[\s,]+\b([A-Z][A-Z']*[A-Z])\b/g;
  for (let m = run.exec(prose); m !== null; m = run.exec(prose)) {
    const [, a = "", b = ""] = m;
    const [x, y] = [a.replace(/'/g, ""), b.replace(/'/g, "")];
    const unknown = [x, y].filter((w) => !ACRONYMS.has(w)).length;
    if (unknown > 0 && (EVERYDAY.has(a) || EVERYDAY.has(b))) return m[0];
  }
  const letters = prose.replace(/[^A-Za-z]/g, "");
  const upper = letters.replace(/[^A-Z]/g, "").length;
  if (letters.length >= 12 && upper / letters.length > 0.7 && loud.length > 0)
    return prose.trim().slice(0, 60);
  return undefined;
}
