// Finds what makes a comment teach (docs/architecture.md, "The rubric"): a reason or consequence, a rationale, a reference, a guiding question, an example.
import type { Signal } from "./assessment.js";

interface Rule {
  name: string;
  pattern: RegExp;
}

const SUBJECT =
  "(?:it|we|you|they|the|this|that|these|those|there|a|an|only|nothing|no|callers?|users?|readers?|anyone|everyone|every|each|all|any|our|your|their|its|one|both|two|codespan)";
const FAILURE_VERB =
  "(?:break|leak|race|crash|throw|fail|panic|deadlock|hang|overflow|lose|corrupt|bite|hammer|cause|lead to|result in|end up|blow up|explode|starve|time ?out|charge|expose|destroy|recreate|confuse|mislead|swallow|re-?send|re-?run|spin|stall|diverge|flake|deallocate)";
// Verbs that follow "can"/"could" in suggestions ("we could skip the check", "you can drop this") count only after
// will/would/might, where they predict an outcome ("this will block the event loop").
const OUTCOME_VERB =
  "(?:block|miss|drop|skip|ignore|leave|retry|lock|shift|drift|double|duplicate|reject|hide|mask)";
const BENEFIT_VERB =
  "(?:make|keep|let|allow|avoid|save|prevent|ensure|guarantee|reduce|simplify|limit|protect|help|fix|speed up|cut|remove the need|stop)";

// Ordered from strongest to weakest; the first rules are explicit reasons a reader can point at.
const RULES: readonly Rule[] = [
  {
    name: "reason",
    pattern:
      /\b(?:because|due to|given that|the reason (?:is|being)|that's why|this is why|in order to|so that|as otherwise)\b/i,
  },
  // "since" is also temporal ("since v2", "since last week"), which gives no reason.
  {
    name: "reason",
    pattern:
      /\bsince\b(?!\s+(?:v?\d|yesterday|today|last|then|forever|ever|when|the (?:beginning|start|last|first)|(?:this|last) (?:week|month|year|release|sprint)))/i,
  },
  { name: "consequence", pattern: /\b(?:otherwise|or else|means|meaning that|else we|if not,)/i },
  {
    name: "consequence",
    pattern:
      /\bso (?!much\b|far\b)\w+ (?:is|are|can|can't|will|won't|do|don't|does|doesn't|stays?|gets?|keeps?)\b/i,
  },
  {
    name: "consequence",
    pattern: new RegExp(`(?:[,;:\\u2014\\u2013]\\s*|\\s-\\s)so\\b|\\bso ${SUBJECT}\\b`, "i"),
  },
  {
    name: "purpose",
    pattern: /\bto (?:avoid|prevent|ensure|make sure|guarantee|protect|reduce|keep (?:it|the|this|them))\b/i,
  },
  {
    name: "consequence",
    pattern: new RegExp(
      `\\b(?:will|would|could|might|may|can|won't|wouldn't|couldn't|can't|'ll|'d)\\s+(?:\\w+ly\\s+|not\\s+|never\\s+|also\\s+|still\\s+|then\\s+|all\\s+)?${FAILURE_VERB}`,
      "i",
    ),
  },
  {
    name: "consequence",
    pattern: new RegExp(
      `\\b(?:will|would|might|may|won't|wouldn't|'ll|'d)\\s+(?:\\w+ly\\s+|not\\s+|never\\s+|also\\s+|still\\s+|then\\s+|all\\s+)?${OUTCOME_VERB}`,
      "i",
    ),
  },
  {
    name: "consequence",
    pattern: new RegExp(
      `\\b(?:usually|often|always|sometimes|eventually|silently|then) ${FAILURE_VERB}`,
      "i",
    ),
  },
  {
    name: "failure-mode",
    pattern:
      /\b(?:leaks?|leaking|race condition|races?|racy|deadlocks?|panics|crash(?:es)?|throws|overflows|corrupts|breaks|fails|hangs|flaky|flakes|swallows|n\+1|quadratic|o\(n\W*2\)|o\(n²\)|(?:sql|command|code|script|html|header|log|prompt|shell) injection|xss|csrf|vulnerab\w+|retain cycle|off[- ]by[- ]one|(?:runs?|ran|called|fires?|fired|executes?|executed|sent|charged|emitted|invoked|counted|processed|applied|retried|posted|billed) twice|guessable|insecure|not (?:thread[- ]safe|atomic|idempotent|synchronized)|isn't (?:thread[- ]safe|atomic|idempotent|synchronized)|never (?:released|closed|freed|called|deallocates|runs))\b/i,
  },
  {
    name: "cost",
    pattern:
      /\b(?:wasteful|expensive|costly|allocations?|into memory|in memory|per (?:call|request|row|item|iteration|lookup|tick)|on (?:every|each) (?:call|request|render|keystroke|row|iteration|retry)|every time|linear scan|full table scan|round[- ]trips?)\b/i,
  },
  {
    name: "benefit",
    pattern: new RegExp(
      `\\b(?:would|will|should|could|'d)\\s+${BENEFIT_VERB}\\b|\\b(?:makes|keeps|lets|allows|avoids|saves|prevents|ensures|guarantees|reduces|simplifies|limits|protects|helps|stops at|tells)\\b|\\b(?:they|these|those|both|which) (?:make|keep|let|allow|avoid|save|prevent|ensure|guarantee|reduce|simplify|limit|protect|help)\\b`,
      "i",
    ),
  },
  {
    name: "example",
    pattern: /\b(?:e\.g\.|for example|for instance|counter-?example|such as|consider the case)/i,
  },
  {
    name: "reference",
    pattern:
      /\b(?:rfc ?\d+|adr[- ]?\d+|pep ?\d+|cve-\d+|see (?:the |our )?(?:docs?|documentation|spec|adr|rfc|guide|readme|link|codespan|#\d+)|per (?:the )?(?:rfc|spec|docs?|style guide)|(?:the )?(?:docs|documentation|spec|style guide|guide|manual|changelog) (?:says?|states?|recommends?|mentions?)|by convention|idiom(?:atic)?|best practice|(?<!\w)#\d{2,}|(?:like|as) we (?:do|did|have|had)|like the other|same as in|(?:everywhere|elsewhere) (?:else|in)|we (?:already )?(?:use|used|have|had|do) (?:\w+ ){0,3}(?:in|for|everywhere|elsewhere)\b|we had (?:an? |the )?(?:incident|outage|bug|same)|(?:what|which) we use)/i,
  },
];

// Multilingual markers of a reason, applied only to prose that does not look English (low confidence anyway).
const NON_ENGLISH_REASON =
  /(?:\b(?:weil|denn|damit|sonst|porque|para que|ya que|parce que|sinon|pour éviter|perché|poiché|altrimenti|porque|senão|para evitar|omdat|anders|eftersom|annars)\b|因为|因為|所以|否则|否則|导致|から|ので|ため|потому что|чтобы|иначе|так как)/iu;

// A question guides when it points the author at a situation to think through, not when it only asks for justification.
const GUIDING_OPENERS =
  /^(?:\W*)(?:(?:question|thought)\s*:\s*)?(?:what (?:happens|if|about)|how (?:does|do|will|would|is|are|should) (?:this|it|that|we|the)\b.*\b(?:behave|handle|work|scale|deal|react|cope)|have you (?:considered|thought|tried|checked)|did you (?:consider|think about|check)|do we (?:handle|need to handle|know|care)|are we sure|won't (?:this|it|that)|wouldn't (?:this|it|that)|couldn't (?:this|it|that)|doesn't (?:this|it|that)|isn't (?:this|it|that) (?:going|racy|unsafe)|is (?:this|it|that|the \w+|codespan) (?:\w+ )?(?:thread[- ]safe|safe|atomic|idempotent|reentrant|ordered|guaranteed|bounded|unique|stable)|what does (?:this|it|codespan|the \w+) (?:return|do|print|send|log)\b.*\b(?:when|if|for))/i;
const SCENARIO =
  /\b(?:if|when|once|after|before|while|during|halfway|empty|null|nil|none|undefined|zero|negative|concurrent(?:ly)?|in parallel|at once|at the same time|simultaneously|twice|redeliver\w*|retri\w+|times? out|timeout|offline|down|cold|missing|full|overflow\w*|unicode|large|huge|thousands|millions)\b/i;

export function teachingSignals(
  prose: string,
  sentences: readonly string[],
  urls: readonly string[],
  nonEnglish: boolean,
): Signal[] {
  const signals: Signal[] = [];
  for (const rule of RULES) {
    const match = rule.pattern.exec(prose);
    if (match && !signals.some((s) => s.name === rule.name)) {
      signals.push({ name: rule.name, kind: "teaching", span: match[0].trim() });
    }
  }
  for (const url of urls) signals.push({ name: "reference", kind: "teaching", span: url });
  for (const sentence of sentences) {
    if (isGuidingQuestion(sentence))
      signals.push({ name: "guiding-question", kind: "teaching", span: clip(sentence) });
  }
  if (nonEnglish) {
    const match = NON_ENGLISH_REASON.exec(prose);
    if (match) signals.push({ name: "reason", kind: "teaching", span: match[0] });
  }
  return signals;
}

function isGuidingQuestion(sentence: string): boolean {
  if (!sentence.trimEnd().endsWith("?")) return false;
  if (GUIDING_OPENERS.test(sentence)) return true;
  // "Why?", "Is this needed?" only ask; a question that names a situation ("…if the list is empty?") guides.
  return (
    !/^\W*(?:why|where|who)\b/i.test(sentence) && SCENARIO.test(sentence) && sentence.split(/\s+/).length >= 4
  );
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
