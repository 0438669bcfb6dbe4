// Suggests how a correction could teach (README, "Coaching"): a kinder rewrite where one is possible offline, and
// always the one question that would add the missing why, in the comment's own terms. Checked before it is returned.
import { editDistance } from "../config/suggest-closest.js";
import { firstPassing, GENERIC_MISSING, MISSING_PREFIX } from "./check-suggestion.js";
import { REQUEST_VERBS } from "./correcting-signals.js";
import { detectAcknowledgement } from "./detect-acknowledgement.js";
import { detectLabel } from "./detect-label.js";
import { splitSentences } from "./split-sentences.js";
import { ACRONYMS, toneSignals } from "./tone-signals.js";

export interface RewriteInput {
  /** Prose after the Conventional Comments label, inline code kept. */
  prose: string;
  hasSuggestionBlock: boolean;
  /** Whether the comment's tone is harsh: then only its requests are kept, never the sentences around them. */
  harsh?: boolean;
  /** English templates around non-English prose read badly: then only the short "what is missing" line is given. */
  nonEnglish?: boolean;
}

const EXTRA_VERBS =
  "get rid of|get|kill off|kill|eliminate|cover|inherit|leave|spell out|clarify|rephrase|reword|mention|explain|deprecate|say|name|print|log|assert|set|reset|expose|hide|drop|factor out|break up|break out";
const VERBS = `${EXTRA_VERBS}|${REQUEST_VERBS}`;
const IMPERATIVE = new RegExp(`^(?:${VERBS})\\b`, "i");
const POLITE =
  /^(?:(?:oops|whoops|fyi:?|afaict|afaik|imo|imho|super nit:|tiny nit:?|matter of taste:?|personally,?|again,?|(?:i )?recommend(?:ing)?|couldn't you|can't you|why don't you|i (?:also |still |really |strongly )*think(?: that)?(?: (?:we|you) (?:should|need to|can|could))?|i'm not following(?: this(?: part)?)?:?|(?:it )?(?:would|'d) be better to)\s*,?\s+|(?:it )?(?:looks|seems|sounds) like(?: that)?\s+|(?:(?:stupid|minor|tiny|small|super) )?nit,\s+|is it possible to\s+|(?:i believe|i guess|i suppose|it seems|seems like|sounds like|looks like)(?: that)?,?\s+|(?:just )?to be (?:anal|pedantic|picky|nitpicky|honest|fair),?\s+|(?:it|i) would be (?:great|nice|better|good|cleaner) if (?:you|we)\s+|i(?:'d| would)? prefer:\s*|(?:lgtm|looks good(?: to me)?|thanks|nice)[,.!]*\s+(?:but\s+)?|(?:ah|oh|ok|okay|hmm|hm|well|btw),\s+|(?:it(?:'s| is|'d be| would be) better to|i think(?: that)?(?: (?:we|you) (?:should|need to|can|could))?|i (?:strongly |would |'d )?suggest(?: to| that)?(?: (?:we|you))?|i will suggest to|please,?|pls,?|maybe|perhaps|probably|also|and|then|so|just|again|let's|lets|can you|could you|would you|can we|could we|shall we|we can|we could|you can|you could|you may want to|you might want to|might want to|(?:you|we)(?:'ll)? want to|want to|you(?:'d| had)? better|try to|we should|you should|we need to|you need to|need to|i'd|i would|i suggest(?: to| that we| that you| you| we)?|i think (?:we|you) (?:should|need to|can|could)|it would be (?:nice|better|good|cleaner) to|better to|rather|still|could|can|you must|we must|must|here too,?|also here,?|same here,?|i'd prefer (?:that )?(?:you|we|to)|i would prefer (?:that )?(?:you|we|to)|i prefer (?:that )?(?:you|we|to)|prefer (?:that )?(?:you|we|to))\s+)+/i;
// "Don't like the flag": a dislike, not a request to "not like" it.
const DONT =
  /^(?:don't|do not|never|rather not|no need to)\s+(?!(?:like|think|know|understand|see|get|care)\b)(.+)$/i;
const SHOULD =
  /^((?:this|that|it|these|those|they|(?:the|this|that|these|those|its|our|your|all) [\w`.()-]+(?: [\w`.()-]+){0,2}?|[\w.()-]*(?:_|[a-z][A-Z]|\.)[\w.()-]*(?: and [\w.()-]+)?|`[^`]+`(?: and `[^`]+`)?))\s+(?:should|must|needs? to|has to|have to|ought to)\s+(?:probably\s+|also\s+|really\s+|only\s+)?(not\s+)?(.+)$/i;
// "There should be a FooError added to exceptions": a request to add it.
const THERE_SHOULD =
  /^there (?:should|must|needs to) be (?:an? |some )?([\w`.()-]+(?: [\w`.()-]+){0,3}?)(?: added)?(?: (?:to|in|for) .*)?$/i;
const SECOND_REQUEST = /\band\s+(?:[\w`.()-]+\s+){1,3}(?:should|must|needs?|has to|have to)\b/i;
const SUBJECTLESS_SHOULD =
  /^(?:(?:should|must|needs? to|has to)\s+(?:probably\s+|also\s+|really\s+|only\s+|just\s+)?(not\s+)?|(?=be\s))(.+)$/i;
const COULD =
  /^((?:this|that|it|these|those|(?:the|this|that|these|those) [\w`.()-]+(?: [\w`.()-]+)?))\s+(?:could|can|might)\s+(?:also\s+|just\s+)?(.+)$/i;
const DISLIKE =
  /\b(?:i (?:really |still )?(?:don't|do not) like|i (?:really |still )?dislike|i (?:still )?disagree|not a (?:big )?fan|i (?:really )?hate (?:this|that|it|these|those|the)\b|i'm not (?:sure|convinced) (?:about|of)|i don't think (?:this|that|it) is)\b/i;
const QUESTION_SHOULD =
  /^(?:should(?:n't)?|must|do(?:n't)? (?:we|you) need to)\s+(this|that|it|we|you)\s+(?:not\s+)?(.+)$/i;
const QUESTION_NEED = /^(?:don'?t|do|doesn'?t|does)\s+(?:we|you|it|this)\s+(?:also\s+)?need\s+(.+)$/i;
const WHY_NOT = /^why (?:not|aren't you|don't you|don't we|not just)\s+(?:using\s+|use\s+)?(.+)$/i;
const CODE_ONLY =
  /^[^\p{L}]*$|^(?:[\w.$:>-]+(?:\s*(?:=|\+=|==|!=|->)|[([])|#|\/\/|\/\*|\*|[{}]|(?:def|class|return|if|for|while|static|public|private|import|from|const|let|var|int|void|self\.)\b)/iu;
const NEEDS =
  /^(?:you|we) (?:also )?need\s+(?!to\b)(.+)$|^(?:(?:this|that|it|the \w+)\s+)?(?:needs|lacks|is missing|requires)\s+(?!to\b)(.+)$|^(?:you(?:'re| are)\s+|we(?:'re| are)\s+)?missing\s+(?:an?\s+)?(.+)$|^(?:please\s+)?no\s+(.+)$/i;
// "you need pass X": the verb lost its "to"; what is needed is an action, not a thing to add.
const NEEDS_A_VERB = new RegExp(`^(?:${VERBS}|pass|return|raise|throw|run|wait|make|do)\\b`, "i");
const INSTEAD = /^(.+?)\s+(?:instead of|rather than)\s+(.+)$/i;
const PROPOSAL =
  /\b(?:this|these|the following|it)\s*:\s*\n|\b(?:with|to|by)\s*:\s*$|\S\s+-+>\s+\S|^how about(?: just)?\s*:|^(?:or\s+|maybe\s+)?(?:the\s+)?(?:simpler|better|cleaner|shorter)(?:\s+(?:version|way|one|option))?\s*(?::|$)|\b(?:simpler|better|cleaner|shorter)\s*:|\b(?:(?:do )?something like(?=\s*(?::|\n|$))|you can write|you could write|i(?:'d| would) write|(?:this|it) would be better)\b\s*:?/i;
const BETTER =
  /^([^,]+?)\s+(?:is|are|would be|seems|looks)\s+(?:much |a bit |)(?:more appropriate|better|preferable|cleaner|simpler|safer|nicer|more readable|more idiomatic)(?:\s+here)?$/i;
const GO_AWAY =
  /^([^,]+?)\s+(?:can|could|should)\s+(?:now\s+|just\s+|also\s+)?(?:go away|be removed|be dropped|be deleted)\b/i;
// "`retry=` should be removed", "$(FLAGS) should not appear here": a name to take out, not a version to put in.
const REMOVAL =
  /\b(?:should|must|has to|have to|needs? to|can)\s+(?:now\s+|just\s+|also\s+)?(?:be\s+(?:removed|dropped|deleted)|not\s+(?:be\s+)?(?:appear|here|there)|go(?: away)?)\b/i;
const MISSED = /^(?:you|we)\s+(?:miss|missed|forgot(?: to add)?)\s+(?:an?\s+)?(.+)$/i;
const PREFER_OVER = /^prefer\s+(.+?)\s+(?:over|to|instead of|rather than)\s+(.+)$/i;
const MECHANICAL =
  /^#\s*endif\b|\bmissing (?:a )?(?:space|newline)\b|^(?:the |these |this |those )?["'`]?[()[\]{}.,;:<>]+["'`]?\s+(?:is|are|should|seems?|looks?|can|could|must)\b|^\/\*\s*[\w.]+\s*\*\/(?:\s*[\w.]+)?$|^s\/[^/]+\/[^/]*\/?$|^[\w-]+\*(?=\s|$)|\b(?:colons?|semicolons?|semi-colons?|commas?|comas?|backslash(?:es)?|backticks?|line returns?|blank|parenthes\w*|parens?|curly braces|braces|space chars?|line ?breaks?|ws|lined up|line up|two spaces|trailing commas?|merge conflict (?:output|markers?|leftovers?)|conflict markers?|space between|bullets?)\b|\b(?:spurious|stray) (?:chars?|characters?|spaces?|lines?)\b|^[\w./-]+\.(?:h|hpp|hh)\s+should (?:go|come|be) (?:before|after|above|below)\b|\bshould (?:go|come) (?:before|after|above|below)\b|\bsigned-off-by\b|\bsign-?off\b|\bcommit message\b.*\bwrap|\bwrap\w*\b.*\bcommit message\b|\b(?:this|that|the|an? extra|extra|trailing|double|stray) space\b|\w*indenda?tion|\bimports? (?:\w+ )?on (?:one|a single|the same) line\b|(?:^|\s)\*\w{1,3}\*\w+|\b(?:useless |extra |trailing |double |empty )?spaces\b|\bcommented(?:[- ]out)? (?:code|lines?|block)\b|\bdead code\b|\bdebug (?:prints?|logs?|logging)\b|\w\*\w{1,3}\*\w*|\b(?:typos?|spelling|misspel\w*|trailing (?:white[ -]?spaces?|spaces?|newlines?)|white[ -]?spaces?|extra (?:blank )?(?:lines?|spaces?)|blank lines?|empty lines?|new ?lines?|double spaces?|indent\w*|formatting|line (?:length|too long)|too long line|alignment|align\w*|capitali[sz]\w*|punctuation|full stops?|periods?|period at the end|spaces? (?:before|after|around)|tabs?|80 char\w*|pep ?8|lint\w*|sort(?:ed)? imports|import order|alphabetical\w*)\b/i;
const UNNEEDED =
  /^(?:(?:this|that|it|these|those|(?:the|this|that|these|those) [\w`.()]+(?: [\w`.()]+)?)\s+(?:is|are|looks|seems|seem|seems to be|looks to be)\s+)?(?:now\s+|also\s+|probably\s+)?(?:unnecessary|not needed|not necessary|unneeded|redundant|unused|useless|superfluous|dead code|not required|not used|not useful)\b/i;
const WRONG =
  /^(?:(?:this|that|it|the [\w`]+(?: [\w`]+)?)(?:'s| is| looks| seems)\s+)?(?:wrong|incorrect|not (?:right|correct)|broken|off)\b/i;
const UNCLEAR =
  /^(?:(?:this|that|it|the [\w`]+(?: [\w`]+)?)(?:'s| is| looks| seems| reads)\s+)?(?:(?:a bit|very|quite|rather|really)\s+)?(?:confusing|unclear|misleading|hard to (?:read|follow|understand)|odd|weird|strange|surprising)\b/i;
const INCOMPLETE = /\b(?:unfinished|incomplete|half[- ]done|not finished|not complete|truncated)\b/i;
const UNNEEDED_ANYWHERE =
  /^[^\s]+(?:\s+[^\s]+){0,3}\s+(?:unnecessary|useless|unused|redundant|not needed)\s*$|\b(?:is|are|be|seems?|looks?|now)\s+(?:now\s+|also\s+|probably\s+|a (?:bit|little)\s+|(?:terribly|completely|totally|really|quite|entirely)\s+)?(?:unnecessary|not needed|not necessary|unneeded|redundant|unused|useless|superfluous|not required|not used|not useful)\b|^(?:nit:?\s+)?(?:useless|unused|redundant|unnecessary)\b/i;
const NOUN_ONLY =
  /^(?:a |an |the |more |some )?(?:unit |missing )?(?:docstrings?|docs?|documentation|comments?|tests?|test cases?|type hints?|types?|logging|log messages?|release notes?|reno|changelog|license header|copyright header|assertions?|validation|error handling)$/i;
const NAMING = /\b(?:bad|poor|confusing|misleading|wrong|unclear)\s+(?:naming|names?|variable names?)\b/i;
const TOO_BIG = /\btoo (?:long|complex|complicated|big|large|many|deep|nested)\b/i;
const NEEDED_QUESTION =
  /^(?:is|are) (?:this|that|it|these|those|[\w`]+) (?:really )?(?:needed|necessary|required|used)\b/i;
const WHY_QUESTION = /^why\b/i;
const CHANGE_QUESTION =
  "what would that change give us? One clause of it turns the question into a suggestion.";
// A change proposed as a question: "Maybe set this field to a sentinel first?", "`__slots__ = ()`?".
const PROPOSAL_QUESTION =
  /^(?:[\w.-]+@,?\s+)?(?:maybe|perhaps|may be|should(?:n't)?|can|could|would|shall|not worth|isn't it|wouldn't it|is it (?:better|worth|possible)|how about|what about|what if|any reason not|do (?:we|you) want)\b|^(?!(?:is|are|was|were|am|does|do|did|has|have|had|will|what|how|where|when|who|which)\b)[a-z]+\s+(?:this|that|it|these|those|the|a|an)\b|^(?!(?:is|are|was|were|am|does|do|did|has|have|had|will|what|how|where|when|who|which|why)\b)\S+(?:\s+\S+){0,2}$|\binstead\b|\bbetter\b|\b(?:we|you) (?:probably )?(?:should|could|can|need to)\b|\b(?:could|can|would) you\b|->|=|^\S+$/i;
const NO_CONTENT =
  /^\W*(?:why|hmm+|hm+|meh|huh|eh|uh+|ugh+|no|nope|like this|please|pls|this|same|same here|ditto|again|here)?\W*$/i;
const APPROVAL =
  /^((?:lgtm|sgtm|looks (?:good|great|fine)(?: to me)?|nice(?: work| job| change| cleanup)?|great(?: work| job)?|thanks(?: for this| for the (?:change|fix|update))?)(?: overall| otherwise| apart from that| in general| mostly)?)\b\s*(?:[,.!:;—–-]+|\s+but\b|\s+just\b)\s*/i;
// "…, we should remove it": the request after a remark is a clause of its own.
const CLAUSE_BREAK =
  /(?<=[\p{L}\p{N}`)'"])[,;]\s+(?=(?:we|you|i'd|i would|let's|please|so we|but|instead)\b)/iu;
const HEDGE_END =
  /(?:,?\s+(?:i think|imo|imho|i guess|i believe|probably|maybe|perhaps|please|pls|pelase|plz|if you want|if possible|thanks|thx|as well|too|while you're (?:here|at it)|while you are (?:here|at it)|or whatever|or something(?: like that)?|or so|etc\.?|with fire|i suppose|i'd say|hmm+))+(?=[\s.!?,;:]*$)/i;
// "kill the worker process", "kill the old daemon first", "kill $pid": ending a process, not removing code; no rewrite
// says "remove" then.
const KILLS_A_PROCESS =
  /^(?:kill|nuke)\b.*\b(?:process(?:es)?|pids?|daemons?|servers?|services?|child(?:ren)?|threads?|tasks?|jobs?|workers?|instances?|containers?|vms?|renderers?|sessions?|connections?|agents?|timers?|subprocess(?:es)?)\b|^kill\s+(?:-\w+\s+)*["']?\$/i;
const EMOTICON = /\s*(?:[:;=]-?[)(DPp](?![\w])|\^\^|xD)\s*/g;
/** A rewrite is offered only for a short request: a longer comment keeps its own words and gets the missing line. */
const MAX_REWRITE_WORDS = 22;
/** The object a question names is short; a longer one is called "this". */
const MAX_OBJECT_WORDS = 7;

const PARTICIPLES: Readonly<Record<string, string>> = {
  move: "moved",
  extract: "extracted",
  "factor out": "factored out",
  split: "split",
  "break up": "broken up",
  "break out": "broken out",
  inline: "inlined",
  combine: "combined",
  merge: "merged",
  hoist: "hoisted",
  pull: "pulled out",
  wrap: "wrapped",
  refactor: "refactored",
  simplify: "simplified",
  rework: "reworked",
  rewrite: "rewritten",
  reuse: "reused",
  check: "checked",
  validate: "validated",
  handle: "handled",
  catch: "caught",
  test: "tested",
  cache: "cached",
};

/**
 * Lines that name nothing of the comment and nothing of its form: a reviewer learns nothing from them that the
 * nudge's own sentence ("says what to change, not why") did not say. The renderers show no suggestion then.
 */
const GENERIC_QUESTIONS = [
  "what goes wrong if it stays as it is, and what would you do instead?",
  "what goes wrong if it stays as it is, or what does the change make easier?",
  "what goes wrong if it stays as it is?",
  "what goes wrong with it as it is?",
  "what goes wrong if it doesn't?",
  "what goes wrong if it does?",
  "the case or cost you have in mind, so the author knows what to check.",
  "one sentence on what goes wrong otherwise, or what it makes easier.",
  "one sentence on what goes wrong otherwise, or what the change makes easier.",
  "what goes wrong while it stays as it is?",
  "what is wrong with it as it is?",
  "what goes wrong, or gets confusing, if it stays?",
  "what gets easier, or safer, if it does?",
  "what would break if it changed?",
];

// Questions the readers passed for a third of their judgements or less, under a rewrite or alone (readings 9–12,
// test/analysis/README.md): "what gets easier, or safer, once it is moved?", "which input or case goes wrong if …
// isn't checked?", "what would … give us?". The renderers drop them like the generic lines.
const WEAK_QUESTION =
  /^(?:what gets easier, or safer, once|which input or case goes wrong|what would .+ give us\?)/;

// The questions that, alone under a comment, read as postable to the suggestion readers (test/analysis/README.md,
// "Suggestions"): the proposed version's, a check's and a dislike's. A bare "what goes wrong if …?" or "what would
// … give us?" was postable for a third of their judgements or less, "Missing: the why." for 35%. The unneeded
// thing's question alone ("what makes it unnecessary …?") was the lowest kind left (64% over readings 9–17, 50% on
// reading 17: "redundant" already reads as the reason); under a rewrite it stays.
const CONCRETE_QUESTION =
  /^(?:one sentence on what (?:this version|the suggested change) fixes|which failure|what worries you about it)/;

const questionOf = (missing: string): string =>
  missing.replace(new RegExp(`^${MISSING_PREFIX}\\s*`), "").trim();

/**
 * Whether a "what is missing" question names too little to show: one of the generic lines (GENERIC_QUESTIONS), or
 * one the readers seldom passed (WEAK_QUESTION).
 */
export function isGenericMissing(missing: string): boolean {
  const text = questionOf(missing);
  return GENERIC_QUESTIONS.includes(text) || WEAK_QUESTION.test(text);
}

/** Whether a question alone is concrete enough to list a comment under (CONCRETE_QUESTION). */
export function isConcreteQuestion(missing: string): boolean {
  return CONCRETE_QUESTION.test(questionOf(missing));
}

// The fact that makes a thing removable, in the comment's own words: "unused", "a duplicate", "not needed anymore".
// A question asking what makes it unnecessary, or what goes wrong if it stays, asks for what the comment already
// says, and the readers rejected such lines (readings 9–16, test/analysis/README.md). A `nit:` stays.
const WHY_UNNEEDED_STATED =
  /\b(?:unused|(?:not|never|no longer) used|(?:is|are|a) duplicated?|duplicates? (?:of|what|the)|(?:not|no longer) (?:needed|necessary|required)(?: here)? any ?more|done elsewhere)\b/i;

/** Whether the comment already says why the thing it asks to remove can go (WHY_UNNEEDED_STATED). */
export function statesWhyUnneeded(prose: string): boolean {
  return WHY_UNNEEDED_STATED.test(prose);
}

/** Review comments that need a suggestion are short; a longer one is read from its start (the regexes stay cheap). */
const MAX_READ_CHARS = 1500;

export function suggestRewrite(input: RewriteInput): string {
  const prose = input.prose.slice(0, MAX_READ_CHARS).replace(EMOTICON, " ").trim();
  return firstPassing(prose, [draft({ ...input, prose }), () => whatIsMissing(prose, input)]);
}

/** A question about the linter or a typo is still a question, not a formatting fix. */
function asksOnly(sentence: string): boolean {
  return sentence.trim().endsWith("?") && !IMPERATIVE.test(core(sentence));
}

/** The plain "what is missing" line for a comment: the fallback for any suggestion that fails the checker. */
export function whatIsMissing(
  prose: string,
  input: Pick<RewriteInput, "hasSuggestionBlock" | "nonEnglish">,
): string {
  if (input.nonEnglish)
    return `${MISSING_PREFIX} one sentence on what goes wrong otherwise, or what it makes easier.`;
  const { request } = readRequest(prose.slice(0, MAX_READ_CHARS).replace(EMOTICON, " "), false);
  if (!request) return nothingToKeep(input.hasSuggestionBlock);
  const text = core(request);
  if (MECHANICAL.test(text) && words(text) <= 12) return nit(text);
  return `${MISSING_PREFIX} ${whyQuestion(text)}`;
}

/** The first draft, before the checker: a rewrite of a short request plus the question, or the question alone. */
function draft(input: RewriteInput): string {
  if (input.nonEnglish) return whatIsMissing(input.prose, input);
  // A line of code as the whole comment ("x = a ? b : c;") is a proposed version, whatever "?" it holds.
  const whole = input.prose.trim();
  if (
    !/\n/.test(whole) &&
    // "delete this.cache_[key];": a statement, even when it opens with a verb.
    (CODE_ONLY.test(whole) || /^[a-z_$][\w$]*\s+[\w$.[\]()'"]*[.[(][\w$.[\]()'"]*;\s*$/i.test(whole)) &&
    looksLikeStatement(whole) &&
    !REMOVAL.test(whole) &&
    !isSpellingFix(core(whole)) &&
    !MECHANICAL.test(whole) &&
    !UNNEEDED_ANYWHERE.test(whole)
  )
    return `${MISSING_PREFIX} one sentence on what this version fixes, or what it makes easier.`;
  const { request, approval, substantive } = readRequest(input.prose, input.harsh === true);
  // A harsh comment with no request: the question is about its remark, asked without any of its words.
  if (!request)
    return input.harsh ? whatIsMissing(input.prose, input) : nothingToKeep(input.hasSuggestionBlock);
  const request_ = core(request);
  // "Useless docstring. Please delete it.": the verdict sentence, not the bare "delete", says what the why is about.
  const unneeded = substantive.map(core).find((c) => UNNEEDED_ANYWHERE.test(c));
  const asked = whyQuestion(request_);
  const missing = `${MISSING_PREFIX} ${GENERIC_QUESTIONS.includes(asked) && unneeded ? whyQuestion(unneeded) : asked}`;
  const mechanical = MECHANICAL.test(request_) && words(request_) <= 12 && !asksOnly(request);
  // A typo or a blank line needs no why: marking it as a nit tells the author it is minor.
  if (mechanical && substantive.length === 1) return nit(request_);
  if (substantive.length === 1 && isSpellingFix(request_)) return nit(request_.replace(/^typo:?\s*/i, ""));
  // "Unless the diff view lies, you left a double space here": the formatting clause is the request.
  const formatting = substantive
    .filter((c) => !asksOnly(c))
    .map(core)
    .find((c) => MECHANICAL.test(c) && words(c) <= 12);
  if (formatting && words(substantive.join(" ")) <= 16) return nit(formatting);
  // "You can write: …", "something like: …": the comment proposes a version, and the question is about it.
  if (PROPOSAL.test(input.prose))
    return `${MISSING_PREFIX} one sentence on what this version fixes, or what it makes easier.`;
  if (substantive.length > 1 || words(request_) > MAX_REWRITE_WORDS || /\n/.test(request)) return missing;
  // "use X, remove the link below, and add Y": a list of requests, no one rewrite.
  if (/,[^,]+,\s*(?:and|then)\s/i.test(request_)) return missing;
  if (UNNEEDED_ANYWHERE.test(request_) || DISLIKE.test(request_)) return missing;
  // A request followed by its own example ("add docstring e.g.: …") keeps its words: only the question is asked.
  if (/\be\.g\.?:|\bex:/i.test(request)) return missing;
  const rewritten = rewrite(request_);
  // A line that no longer reads as a sentence gives way to a generic one, which the renderers do not show.
  const question = readsCleanly(missing) ? missing : GENERIC_MISSING;
  if (!rewritten || !readsCleanly(rewritten)) return question;
  return `${approval ? `${approval}. ` : ""}${rewritten} ${question}`;
}

// A rewrite or question assembled from the comment's words that no longer reads as one sentence: a word doubled
// ("should should"), a quote opened and not closed, a second verb after the request's own ("Could we use this call be
// squashed", "Could we inline the count it's useless"), a request for a conjunction ("Could we remove or update?"),
// a clause stuck on with a dash, or a question about "or"/"there". Readers rejected such lines in readings 9–16
// (test/analysis/README.md, "Suggestions"); the comment is then left to its question.
const DOUBLED_WORD = /\b(\p{L}+) \1\b/iu;
const SECOND_FINITE_VERB =
  /^Could we [^?]*?(?<!\b(?:when|if|where|whether|that|which|who|since|because|once|unless|until|while|sure|so)\b[^?]*)\b(?:is|are|be|was|were|did|does|can|could|must|should|would|will|it's|they're|isn't|aren't)\b/i;
const SECOND_MODAL =
  /^Should\b[^?]+\b(?:should|must|shall)\b|\b(?:should|must|doesn't|don't|isn't|aren't) (?:should|must|shall)\b/i;
const GARBLED_QUESTION_OBJECT =
  /\bwhat (?:does|do) (?:\S+ )*?(?:be|is|are|should|must|it's|they're)\b(?:\S* )*?give us\b/i;
const CONJUNCTION_OBJECT = /^Could we [\w-]+ (?:or|and|about)\b/i;
const STUCK_CLAUSE = /\s[-–]\s|,\s+(?:it'?s|they'?re|this is|that is)\b/i;
const QUESTION_ABOUT_NOTHING =
  /\b(?:if|what does|what do|without|what makes) (?:(?:or|and|there|here)\b|'\s)/i;

export function readsCleanly(line: string): boolean {
  const text = line.replace(/`[^`]*`/g, "CODE");
  return !(
    DOUBLED_WORD.test(text) ||
    (text.match(/"/g) ?? []).length % 2 === 1 ||
    (text.match(/(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}])/gu) ?? []).length % 2 === 1 ||
    SECOND_FINITE_VERB.test(text) ||
    SECOND_MODAL.test(text) ||
    GARBLED_QUESTION_OBJECT.test(text) ||
    CONJUNCTION_OBJECT.test(text) ||
    STUCK_CLAUSE.test(text) ||
    QUESTION_ABOUT_NOTHING.test(text)
  );
}

// "retry_cuont should be retry_count", "Recieve -> Receive": one word for a near-identical one.
const SPELLING_FIX =
  /^(?:typo:?\s*)?["'`]?([\w.-]{3,})["'`]?\s+(?:should be|->|=>|→|instead of)\s+["'`]?([\w.-]{3,})["'`]?[.!]?$/i;

// "It should be fooBar instead of fooBaz", "should be X, not Y": the same, the right spelling first.
const SPELLING_FIX_REVERSED =
  /^(?:(?:it|this|that)\s+)?should be\s+["'`]?([\w.-]{3,})["'`]?,?\s+(?:instead of|not|rather than)\s+["'`]?([\w.-]{3,})["'`]?[.!]?$/i;

// "this methos => these methods", "`name` -> ``name``": a few words for near-identical ones, or the same words quoted
// differently, after an arrow.
const PHRASE_FIX = /^([^\s>=-](?:[^>=]{0,40}?[^\s>=-])?)\s+(?:->|=>|-->|→)\s+(\S(?:.{0,40}\S)?)[.!]?$/;

/** Whether two spellings differ by at most a quarter of their letters, or by `atLeast` edits however short they are. */
const nearlySame = (from: string, to: string, atLeast: number): boolean =>
  editDistance(from, to) <= Math.max(atLeast, Math.floor(0.25 * Math.max(from.length, to.length)));

function isSpellingFix(request: string): boolean {
  const phrase = PHRASE_FIX.exec(request);
  if (phrase?.[1] && phrase[2]) {
    const plain = (side: string) => side.replace(/[`'"*]/g, "").toLowerCase();
    const [from, to] = [plain(phrase[1]), plain(phrase[2])];
    if (from === to) return true;
    const short = words(from) <= 3 && words(to) <= 3;
    // "useless => unused": one plain word for another is wording, not a version of the code.
    if (short && /^[a-z][a-z' ]*$/.test(phrase[1]) && /^[a-z][a-z' ]*$/.test(phrase[2])) return true;
    if (short && nearlySame(from, to, 1)) return true;
  }
  const [, from, to] = SPELLING_FIX.exec(request) ?? SPELLING_FIX_REVERSED.exec(request) ?? [];
  return from !== undefined && to !== undefined && from !== to && nearlySame(from, to, 2);
}

function nit(request: string): string {
  // "minor nit: …" is marked once.
  const text = request
    .replace(/^(?:[\w-]+\s+)?nit\s*:?\s*/i, "")
    .replace(/^(?:but|and|so)\s+/i, "")
    .replace(/^(?:i\s+)?(?:suggest(?:ing)?(?:\s+to)?|would)\s+(?=[a-z])/i, "")
    .replace(/^(?:should|must|please)\s+(?!be\b)/i, "")
    .replace(/[\s?]+$/, "");
  return `nit: ${plainVerb(lowerFirst(text))}`;
}

function nothingToKeep(hasSuggestionBlock: boolean): string {
  return hasSuggestionBlock
    ? `${MISSING_PREFIX} one sentence on what the suggested change fixes, or what it makes easier.`
    : `${MISSING_PREFIX} the case or cost you have in mind, so the author knows what to check.`;
}

interface Request {
  request: string | undefined;
  /** "LGTM overall", as written, when the comment opened with an approval: a rewrite keeps it. */
  approval: string | undefined;
  /** The sentences that say something (requests, verdicts, questions), thanks and contempt set aside. */
  substantive: string[];
}

function readRequest(prose: string, harsh: boolean): Request {
  let approval: string | undefined;
  const sentences: string[] = [];
  const clauses = splitSentences(prose).flatMap((s) => s.split(CLAUSE_BREAK));
  for (const [i, raw] of clauses.entries()) {
    let sentence = calm(detectLabel(raw).rest);
    const approved = i === 0 ? APPROVAL.exec(sentence) : null;
    if (approved?.[1]) {
      approval = upperFirst(approved[1]);
      sentence = sentence.slice(approved[0].length).trim();
    }
    if (sentence.length === 0 || NO_CONTENT.test(sentence)) continue;
    // A bare "Thanks!" or "LGTM." is not a request; an approval at the start is kept apart.
    if (sentence.length <= 40 && detectAcknowledgement(sentence)) {
      if (i === 0 && !approval && /^(?:lgtm|sgtm|looks|nice|great|thanks)/i.test(sentence))
        approval = upperFirst(sentence.replace(/[\s.!,;:]+$/, ""));
      continue;
    }
    // Contempt-only sentences go; in a harsh comment, so does every sentence that asks for nothing (the jab).
    if (toneSignals(sentence).length > 0 && !isRequest(sentence)) continue;
    if (harsh && !isRequest(sentence)) continue;
    sentences.push(sentence);
  }
  const request = sentences.find(isRequest) ?? sentences[0];
  return { request, approval, substantive: sentences };
}

function isRequest(sentence: string): boolean {
  const c = core(sentence);
  return IMPERATIVE.test(c) || DONT.test(c) || SHOULD.test(c) || SUBJECTLESS_SHOULD.test(c);
}

/** The request without politeness, hedges or closing punctuation: "Please rename this." → "rename this". */
function core(sentence: string): string {
  return (
    sentence
      .replace(POLITE, "")
      .replace(HEDGE_END, "")
      .replace(/\s+(?:probably|perhaps|maybe|please|pls|plz)(?=\s)/gi, "")
      // "std::" keeps its colons; other closing punctuation goes.
      .replace(/[.!:;,\s]+$/, (end) => (end.startsWith("::") ? "::" : ""))
      .trim()
  );
}

/** A kinder phrasing of a short request, or undefined when none reads naturally. */
function rewrite(request: string): string | undefined {
  // A link at the end would take the question mark into its address.
  if (request.endsWith("?") || /https?:\/\/\S+$/.test(request)) return undefined;
  const prefer = PREFER_OVER.exec(request);
  if (prefer?.[1] && prefer[2])
    return `Could we use ${codeLike(prefer[1])} rather than ${codeLike(prefer[2])}?`;
  if (/^prefer\s+/i.test(request)) return `Could we use ${codeLike(request.replace(/^prefer\s+/i, ""))}?`;
  if (IMPERATIVE.test(request)) {
    // "kill(1)" names a command or a man page, not a request to kill.
    if (
      looksLikeStatement(request) ||
      /^[\w-]+\(/.test(request) ||
      KILLS_A_PROCESS.test(request) ||
      // "remove and use X below", "add/register a store": two verbs, no one request to rewrite.
      /^[\w-]+(?:\s+and\s+|\/)\w/i.test(request)
    )
      return undefined;
    return `Could we ${withObject(plainVerb(lowerFirst(request)))}?`;
  }
  const dont = DONT.exec(request);
  if (dont?.[1]) {
    // "don't need the return there": a verdict that it can go, not a request to "not need" it.
    if (/^need\b/i.test(dont[1])) return undefined;
    const use = /^use\s+(.+)$/i.exec(dont[1]);
    return use?.[1] ? `Could we avoid ${codeLike(use[1])}?` : `Could we not ${dont[1]}?`;
  }
  const thereShould = THERE_SHOULD.exec(request);
  if (thereShould?.[1]) return `Could we add ${article(thereShould[1])}?`;
  const should = SHOULD.exec(request);
  // "These tags should not be here": a request to remove them.
  if (
    should?.[1] &&
    should[2] &&
    /^(?:be|appear) (?:here|there|in this (?:change|patch|commit|file))\W*$/i.test(should[3] ?? "")
  )
    return `Could we remove ${lowerSubject(should[1])}?`;
  // "This should be incorrect" is a non-native "this seems incorrect": a verdict, not a request.
  if (should?.[3] && !should[2] && /^be (?:incorrect|wrong|broken|invalid)\b/i.test(should[3]))
    return undefined;
  // "X should not be necessary anymore": a verdict that it can go, not a question to ask back.
  if (should?.[2] && /^be (?:necessary|needed|required)\b/i.test(should[3] ?? "")) return undefined;
  // "This needs to be removed and all callers need to pass X": two requests, no one question fits both.
  if (should?.[3] && SECOND_REQUEST.test(should[3])) return undefined;
  if (should?.[1] && should[3] && !looksLikeStatement(should[3]) && !/[,:]/.test(should[3]))
    return `Should ${lowerSubject(should[1])} ${should[2] ? "not " : ""}${should[3].replace(/^(be\s+\S+(?:\s+\S+)?)\s+not\s+(?=\S+(?:\s+\S+)?$)/i, "$1 rather than ")}?`;
  const subjectless = SUBJECTLESS_SHOULD.exec(request);
  // "You should be using X throughout" is "use X throughout"; "you should be able to remove X" is "remove X".
  const using = /^be using\s+(.+)$/i.exec(subjectless?.[1] ? "" : (subjectless?.[2] ?? ""));
  if (using?.[1] && !looksLikeStatement(using[1])) return `Could we use ${using[1]}?`;
  const able = /^be able to\s+(.+)$/i.exec(subjectless?.[1] ? "" : (subjectless?.[2] ?? ""));
  if (able?.[1] && IMPERATIVE.test(able[1]) && !looksLikeStatement(able[1]))
    return `Could we ${withObject(plainVerb(able[1]))}?`;
  if (subjectless?.[2] && !looksLikeStatement(subjectless[2]) && !subjectless[2].includes(",")) {
    if (IMPERATIVE.test(subjectless[2]) && !subjectless[1])
      return `Could we ${withObject(plainVerb(subjectless[2]))}?`;
    if (/^be\b/i.test(subjectless[2])) return `Should this ${subjectless[1] ? "not " : ""}${subjectless[2]}?`;
  }
  const could = COULD.exec(request);
  if (could?.[1] && could[2] && !looksLikeStatement(could[2]))
    return `Could ${lowerSubject(could[1])} ${could[2]}?`;
  const needs = NEEDS.exec(request);
  const needed = needs?.[1] ?? needs?.[2] ?? needs?.[3];
  if (needed && NEEDS_A_VERB.test(needed)) return undefined;
  if (needed && !looksLikeCode(needed)) return `Could we add ${article(needed)}?`;
  const instead = INSTEAD.exec(request.replace(/^(?:(?:it|this|that)\s+)?should be\s+/i, ""));
  if (instead?.[1] && instead[2] && words(instead[1]) <= 4)
    return `Could we use ${codeLike(instead[1])} instead of ${codeLike(instead[2])}?`;
  return undefined;
}

/** The one question that would add the why, naming what the comment refers to. */
export function whyQuestion(request: string): string {
  const text = request.replace(/\?+$/, "").trim();
  if (DISLIKE.test(text)) return "what worries you about it? Naming the risk lets the author weigh it.";
  // A line of code as the whole remark is a proposed version: the why is what it fixes.
  if (
    !request.endsWith("?") &&
    !UNNEEDED_ANYWHERE.test(text) &&
    !REMOVAL.test(text) &&
    (CODE_ONLY.test(text) || looksLikeStatement(text.split(/\s+/).slice(0, 3).join(" ")))
  )
    return "one sentence on what this version fixes, or what it makes easier.";
  if (request.endsWith("?")) {
    const whyNot = WHY_NOT.exec(text);
    // "why not place this in …": a request with a verb the rules do not know is still a change, not a thing.
    if (
      whyNot?.[1] &&
      (IMPERATIVE.test(whyNot[1]) || /^[a-z]+\s+(?:this|that|it|these|those)\b/.test(whyNot[1]))
    )
      return CHANGE_QUESTION;
    if (whyNot?.[1] && words(whyNot[1]) <= MAX_OBJECT_WORDS)
      return `what would ${object(whyNot[1])} give us? One clause of it turns the question into a suggestion.`;
    // "why not just send it in here, and …", "why can't X be called here?": a proposal, not a doubt.
    if (whyNot?.[1] || /^why\b.*\b(?:can't|cannot|couldn't|can not)\b/i.test(text)) return CHANGE_QUESTION;
    if (/^(?:is there )?any reason\b/i.test(text))
      return "what would you expect instead? Saying so makes the question read as curiosity, not doubt.";
    const need = QUESTION_NEED.exec(text);
    if (need?.[1]) return `what goes wrong without ${object(need[1])}?`;
    // "Can we drop the `exit 1` here?" reaches here as "drop the `exit 1` here?": a request asked as a question.
    const asked = new RegExp(`^(${VERBS})\\b\\s*(.*)$`, "i").exec(text);
    if (asked?.[1]) {
      const question = imperativeQuestion(asked[1].toLowerCase(), asked[2] ?? "");
      return GENERIC_QUESTIONS.includes(question) ? CHANGE_QUESTION : question;
    }
    const should = QUESTION_SHOULD.exec(text);
    if (should?.[2]) {
      const negated = /^\S+\s+\S+\s+not\b/i.test(text);
      // "Shouldn't you let start.sh run it?": the question is about doing it, not about "it".
      if (/^(?:we|you)$/i.test(should[1] ?? "") && !/^be\b/i.test(should[2]))
        return `what goes wrong if we ${negated ? "do" : "don't"} ${object(should[2])}?`;
      return shouldQuestion("it", negated, should[2]);
    }
    if (NEEDED_QUESTION.test(text)) return "what makes you doubt it is needed (unused, or done elsewhere)?";
    // "Why store this as a bool, rather than using something like X?": the reviewer named what they expect.
    const alternative = /\b(?:rather than|instead of)\s+(?:using\s+)?(?:something like\s+)?(.+)$/i.exec(text);
    // "Why is this needed?", "why do we need to mock this?": a doubt that it is needed.
    if (WHY_QUESTION.test(text) && /\b(?:needed|necessary|required|need)\b/i.test(text))
      return "what makes you doubt it is needed (unused, or done elsewhere)?";
    if (WHY_QUESTION.test(text) && alternative?.[1] && words(alternative[1]) <= MAX_OBJECT_WORDS)
      return `what would ${object(alternative[1])} give us? One clause of it turns the question into a suggestion.`;
    if (WHY_QUESTION.test(text))
      return "what would you expect instead? Saying so makes the question read as curiosity, not doubt.";
    if (UNNEEDED_ANYWHERE.test(text)) return unneededQuestion(text);
    if (PROPOSAL_QUESTION.test(text)) return CHANGE_QUESTION;
    return "what prompted the question? Naming the case you have in mind tells the author what to check.";
  }
  const prefer = PREFER_OVER.exec(text);
  if (prefer?.[1] && prefer[2])
    return `what does ${object(prefer[1])} give us over ${object(prefer[2])} here?`;
  const thereShould = THERE_SHOULD.exec(text);
  if (thereShould?.[1]) return addQuestion(thereShould[1]);
  // "Or the simpler: …", "you can write: …", "something like …": the comment proposes a version.
  if (PROPOSAL.test(text)) return "one sentence on what this version fixes, or what it makes easier.";
  const better = BETTER.exec(text);
  if (better?.[1] && words(better[1]) <= MAX_OBJECT_WORDS && !/\.\.|\s(?:is|are)\s/i.test(better[1]))
    return `what does ${object(lowerSubject(better[1]))} give us here over the current code?`;
  const goAway = GO_AWAY.exec(text);
  // "the x part is redundant now and should be removed": the subject is "the x part".
  const gone = goAway?.[1]
    ?.replace(/\s+(?:is|are|seems?|looks?)\s+.*$/i, "")
    .replace(/^(?:i|we)\b.*\b(?:if|whether)\s+/i, "");
  if (gone && words(gone) <= MAX_OBJECT_WORDS)
    return `what makes ${asObject(object(lowerSubject(gone)))} unnecessary now (unused, or done elsewhere)?`;
  const missed = MISSED.exec(text);
  if (missed?.[1]) return addQuestion(missed[1]);
  const dont = DONT.exec(text);
  if (dont?.[1] && /^need\s+\S/i.test(dont[1]))
    return `what makes ${object(dont[1].replace(/^need\s+/i, ""))} unnecessary here?`;
  if (dont?.[1]) {
    const what = dont[1].split(",")[0] ?? "";
    if (/^do (?:this|that|it)$/i.test(what)) return "what goes wrong with it as it is?";
    return `what goes wrong if we ${withObject(lowerFirst(shorten(what)))}?`;
  }
  if (UNNEEDED_ANYWHERE.test(text)) return unneededQuestion(text);
  const verbMatch = new RegExp(`^(${VERBS})\\b\\s*(.*)$`, "i").exec(text);
  if (verbMatch?.[1]) return imperativeQuestion(verbMatch[1].toLowerCase(), verbMatch[2] ?? "");
  const should = SHOULD.exec(text);
  if (should?.[1] && should[3])
    return shouldQuestion(lowerSubject(should[1]), should[2] !== undefined, should[3]);
  const subjectless = SUBJECTLESS_SHOULD.exec(text);
  if (subjectless?.[2]) {
    // "should be able to drop X" asks about dropping X; "should be using X" about using X.
    const asked = subjectless[1]
      ? subjectless[2]
      : subjectless[2].replace(/^be able to\s+/i, "").replace(/^be using\s+/i, "use ");
    const verb = new RegExp(`^(${VERBS})\\b\\s*(.*)$`, "i").exec(asked);
    if (verb?.[1] && !subjectless[1]) return imperativeQuestion(verb[1].toLowerCase(), verb[2] ?? "");
    return shouldQuestion("it", subjectless[1] !== undefined, subjectless[2]);
  }
  const could = COULD.exec(text);
  if (could?.[2]) return "what gets easier, or safer, if it does?";
  if (NOUN_ONLY.test(text)) return addQuestion(text);
  const needs = NEEDS.exec(text);
  const needed = needs?.[1] ?? needs?.[2] ?? needs?.[3];
  if (needed && NEEDS_A_VERB.test(needed)) {
    const verb = new RegExp(`^(${VERBS})\\b\\s*(.*)$`, "i").exec(needed);
    return verb?.[1]
      ? imperativeQuestion(verb[1].toLowerCase(), verb[2] ?? "")
      : "what goes wrong if it stays as it is, or what does the change make easier?";
  }
  if (needed) return addQuestion(needed);
  if (UNNEEDED.test(text)) return "what makes it unnecessary: is it unused, or done elsewhere?";
  if (INCOMPLETE.test(text)) return "what is still missing from it?";
  if (NAMING.test(text)) return "what should a better name tell the reader that this one doesn't?";
  if (TOO_BIG.test(text)) return "what makes it hard to follow, and where would you cut it?";
  if (UNCLEAR.test(text)) return "what did you expect on first reading, and what would make it clear?";
  if (WRONG.test(text)) return "what does it get wrong (a case, an input), and what would be right?";
  const instead = INSTEAD.exec(text);
  if (instead?.[1] && instead[2]) {
    // "raise KeyError instead of calling exit": two actions, both as "-ing".
    const first = /^\w+ing\b/i.test(instead[2]) ? gerundPhrase(instead[1]) : instead[1];
    return `what does ${object(first)} give us over ${object(instead[2])}?`;
  }
  return "what goes wrong if it stays as it is, and what would you do instead?";
}

function imperativeQuestion(verb: string, rest: string): string {
  // "remove and use X", "add/register Y": the object is another verb; no question names it honestly.
  if (/^(?:and\s|\/)/i.test(rest))
    return "what goes wrong if it stays as it is, or what does the change make easier?";
  // "declare this as X and remove Y": two changes; a question about the first alone misreads the comment.
  if (
    new RegExp(`\\s+and\\s+(?:then\\s+)?(?:${VERBS})\\b`, "i").test(rest) &&
    !/^(?:remove|delete|drop|move|add)$/.test(verb)
  )
    return "what goes wrong if it stays as it is, or what does the change make easier?";
  const to = /^(.*?)\s*\b(?:to|into|with|by)\s+(.+)$/i.exec(rest);
  const target = to?.[2] ? object(to[2]) : undefined;
  const thing = object((to ? (to[1] ?? "") : rest).split(/\s+and\s+/)[0] ?? "");
  switch (verb) {
    case "rename":
      return target
        ? `what does ${target} tell the reader that the current name doesn't?`
        : "what should a better name tell the reader that this one doesn't?";
    case "remove":
    case "delete":
    case "drop":
    case "get rid of":
    case "kill":
    case "kill off":
    case "eliminate":
      if (KILLS_A_PROCESS.test(`${verb} ${rest}`))
        return "what goes wrong if it stays as it is, or what does the change make easier?";
      if (/\s+and\s+/.test(to ? (to[1] ?? "") : rest) && thing !== "it")
        return "what goes wrong, or gets confusing, if they stay?";
      return `what goes wrong, or gets confusing, if ${thing} ${thing === "they" || plural(thing) ? "stay" : "stays"}?`;
    case "use":
    case "prefer":
    case "switch": {
      const instead = INSTEAD.exec(rest);
      if (instead?.[1] && instead[2])
        return `what does ${object(instead[1])} give us over ${object(instead[2])} here?`;
      {
        const used = object(rest.replace(/^to\s+/i, ""));
        return `what ${plural(used) ? "do" : "does"} ${used} give us here that the current code doesn't?`;
      }
    }
    case "call":
    case "name": {
      const named = /^(?:this|it|that)\s+(?:something like\s+|maybe\s+)?(.+)$/i.exec(rest);
      if (named?.[1])
        return `what does ${object(named[1].split(/\s+or\s+/)[0] ?? "")} tell the reader that the current name doesn't?`;
      return "what goes wrong if it stays as it is, or what does the change make easier?";
    }
    case "replace":
    case "change":
    case "convert":
    case "swap":
      return target
        ? `what does ${target} give us over the current code?`
        : `what is wrong with ${thing} as it is?`;
    case "add":
    case "introduce":
    case "write":
    case "declare":
    case "define":
    case "document":
    case "annotate":
    case "mention":
    case "explain":
    case "clarify":
    case "log":
    case "assert":
      // "explain that …" asks what explaining it would tell the reader: the verb becomes "explaining".
      return addQuestion(
        verb === "add" || verb === "introduce" || verb === "write" ? rest : `${gerund(verb)} ${rest}`,
      );
    case "revert":
    case "undo":
    case "restore":
      return `what did ${thing === "it" ? "the change" : thing} break, or put at risk?`;
    case "rewrite":
    case "rework":
    case "refactor":
    case "simplify":
    case "redo":
      return "what makes the current version hard to follow or change, and where would you start?";
    case "fix":
      return `what goes wrong while ${thing} ${thing === "they" || plural(thing) ? "stay as they are" : "stays as it is"}?`;
    case "cover":
      return `which input or case goes wrong if ${thing} isn't covered?`;
    case "inherit":
      return target || /^(?:\w+\s+)?from\s+/i.test(rest)
        ? `what does inheriting from ${object(rest.replace(/^(?:\w+\s+)?from\s+/i, ""))} give us here?`
        : "what does inheriting give us here?";
    case "keep":
    case "leave":
      // "leave the stub module empty": the thing has a state to keep; no one question names it well.
      if (/\s(?:empty|alone|as is|unchanged|untouched|blank|out|in)\W*$/i.test(rest))
        return "what goes wrong if it stays as it is, or what does the change make easier?";
      return `what would break if ${thing} changed?`;
    case "avoid":
    case "stop":
      return `what goes wrong if we keep ${thing}?`;
    default: {
      // "test case for X", "test coverage": a noun, not the verb "test".
      if (verb === "test" && /^(?:cases?|coverage|suites?)\b/i.test(rest))
        return addQuestion(`a test ${rest}`);
      // "raise KeyError instead of calling exit": what the one action gives over the other.
      const instead = INSTEAD.exec(rest);
      if (instead?.[1] && instead[2])
        return `what does ${object(`${gerund(verb)} ${instead[1]}`)} give us over ${object(instead[2])}?`;
      const done = PARTICIPLES[verb];
      if (done) {
        if (["check", "validate", "handle", "catch", "test"].includes(verb))
          return `which input or case goes wrong if ${thing} isn't ${done}?`;
        return `what gets easier, or safer, once ${thing} is ${done}?`;
      }
      return "what goes wrong if it stays as it is, or what does the change make easier?";
    }
  }
}

/** "raise KeyError" → "raising KeyError"; a phrase that does not open with a plain word stays as it is. */
function gerundPhrase(phrase: string): string {
  const [verb = "", ...rest] = phrase.split(/\s+/);
  return /^[a-z]+$/.test(verb) && !/ing$|^(?:you|we|i|it|this|that|they|he|she)$/.test(verb)
    ? [gerund(verb), ...rest].join(" ")
    : phrase;
}

function gerund(verb: string): string {
  if (verb.endsWith("ify")) return `${verb}ing`;
  // "put" → "putting": one short vowel before a last consonant doubles it.
  if (/^(?:put|set|get|cut|let|run|stop|drop|wrap|skip|swap|strip|split|plan|ship|tag|pin)$/.test(verb))
    return `${verb}${verb.at(-1)}ing`;
  if (/[^aeiou]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  if (verb === "log") return "logging";
  return `${verb}ing`;
}

function addQuestion(what: string): string {
  const thing = object(what.replace(/^(?:a|an|some|more)\s+(?=\w)/i, (m) => m));
  if (
    /\b(?:(?:unit ?)?tests?|checks?|validation|asserts?|assertions?|guards?|error handling|try|catch|null check)\b/i.test(
      what,
    )
  )
    return `which failure would ${thing} catch?`;
  if (
    /\b(?:docs?|docstring|comments?|documentation|document\w*|annotat\w*|explain\w*|mention\w*|clarify\w*|log(?:ging)?|messages?|description|explanation|note|javadoc|type hints?|types?)\b/i.test(
      what,
    )
  )
    return `what would ${thing} tell the next reader that the code doesn't?`;
  return `what goes wrong without ${thing}?`;
}

function shouldQuestion(subject: string, negated: boolean, rest: string): string {
  if (/^be\s*:(?![\w`])/i.test(rest)) return "what goes wrong if it stays as it is?";
  // "This should be" with the version on the next lines: the question is about that version.
  if (/^(?:(?:this|it|that)\s+)?be\W*$/i.test(rest))
    return "one sentence on what this version fixes, or what it makes easier.";
  // "All of it should removed": the reviewer dropped the "be".
  const be =
    /^be\s+(.+)$/i.exec(rest) ??
    /^((?:removed|deleted|dropped|moved|extracted|split|inlined|merged)\b.*)$/i.exec(rest);
  const it = /^(?:this|that|it|here|there)$/i.test(subject) || words(subject) > 4 ? "it" : subject;
  const many = it !== "it" && plural(it);
  if (!negated && /^be (?:incorrect|wrong|broken|invalid)\W*$/i.test(rest))
    return "what does it get wrong (a case, an input), and what would be right?";
  if (negated && /^be (?:necessary|needed|required)\b/i.test(rest))
    return `what makes ${asObject(it === "it" ? "it" : it)} unnecessary now (unused, or done elsewhere)?`;
  // "These tags should not be here": the question is what goes wrong if they stay.
  if (negated && /^(?:be|appear) (?:here|there|in this (?:change|patch|commit|file))\W*$/i.test(rest))
    return `what goes wrong, or gets confusing, if ${it} ${many ? "stay" : "stays"}?`;
  if (be?.[1]) {
    // "should be -x B101, B102, B103": a list has no one thing to name.
    if (/^[^,]+,\s*[^\s,]+\s*(?:,|$)|^[^,]+,\s*[^\s,]+\s+and\s+[^\s,]+\W*$/.test(be[1]))
      return "what goes wrong if it stays as it is?";
    const what = (be[1].split(",")[0] ?? "").replace(/[.!:;,\s]+$/, "");
    if (/^(?:removed|deleted|dropped)$/i.test(what) && !negated)
      return `what goes wrong, or gets confusing, if ${it} ${many ? "stay" : "stays"}?`;
    const moved =
      /^(moved|extracted|split|inlined|combined|merged|hoisted|wrapped|pulled out|placed|put)\b/i.exec(what);
    if (moved && !negated) {
      // "should be put at the top, i.e. …": where it goes is part of the change.
      const where = (what.split(/\s*(?:,|\bi\.e\.?|\be\.g\.?)/)[0] ?? "").trim();
      const done = words(where) <= MAX_OBJECT_WORDS && !looksLikeStatement(where) ? where : moved[1];
      return `what gets easier, or safer, once ${it} ${many ? "are" : "is"} ${done}?`;
    }
    // "should be named X": a rename, and the question is what the name tells the reader.
    const named = /^(?:named|called|renamed(?: to)?)\s+(\S+)$/i.exec(what);
    if (named?.[1] && !negated)
      return `what does ${codeLike(named[1])} tell the reader that the current name doesn't?`;
    // "Should this be X instead of Y?", "it should be X not Y": the question is what X gives over Y.
    const instead = INSTEAD.exec(what) ?? /^(\S+(?:\s+\S+)?),?\s+not\s+(\S+(?:\s+\S+)?)$/i.exec(what);
    if (instead?.[1] && instead[2] && !negated && words(what) <= MAX_OBJECT_WORDS + 3)
      return `what does ${object(instead[1])} give us over ${object(instead[2])} here?`;
    if (words(what) > MAX_OBJECT_WORDS || (looksLikeStatement(what) && what.length > 40))
      return `what goes wrong if ${it} ${many ? "stay" : "stays"} as ${many ? "they are" : "it is"}?`;
    return `what goes wrong if ${it} ${negated ? (many ? "are" : "is") : many ? "aren't" : "isn't"} ${codeLike(what)}?`;
  }
  const act = rest.replace(/[.!:;,\s]+$/, "");
  const verb = words(act) <= MAX_OBJECT_WORDS && !act.includes(",") ? ` ${codeLike(act)}` : "";
  return `what goes wrong if ${it} ${negated ? (many ? "do" : "does") : many ? "don't" : "doesn't"}${verb}?`;
}

/** "This cast is unnecessary", "these are unused": the question about it, or them. */
function unneededQuestion(text: string): string {
  const verb = /\b(is|are)\b/i.exec(text)?.[1]?.toLowerCase();
  const many = verb ? verb === "are" : plural(text);
  return `what makes ${many ? "them" : "it"} unnecessary (unused, or done elsewhere)?`;
}

/** "kill this", "nuke that": slang a reviewer may write, but a rewrite says what it means. */
const plainVerb = (request: string): string =>
  request.replace(/^(?:kill off|kill|nuke)(?=\s|$)/i, "remove").replace(/\s+with fire\b/i, "");

/** "they" after a verb: "what makes them unnecessary". */
const asObject = (phrase: string): string => (phrase === "they" ? "them" : phrase);

function plural(text: string): boolean {
  if (/\b(?:they|them|these|those|all|both)\b|\band\b|\bare\b/i.test(text)) return true;
  // "the wildcards", "white spaces": a plain lower-case word ending in -s (not -ss, -us, -is: "class", "status", "this").
  const head = /(?:^|\s)(?:the |some |any |more )?([a-z]{3,})$/.exec(text.trim())?.[1] ?? "";
  return (
    /[^sui]s$/.test(head) && !/^(?:does|was|has|its|yes|news|series|always|perhaps|sometimes)$/.test(head)
  );
}

/** What a question names: the comment's own words when short, else "this"; code keeps its backticks. */
function object(phrase: string): string {
  const cut = phrase
    .replace(/\s+(?:\(?see\s+)?<?https?:\/\/.*$/s, "")
    .replace(/\s+\((?![^()]*\)\S).*$/s, "")
    .replace(/["'`].*$/s.test(phrase) ? /(?!)/ : /,(?![^()]*\)).*$/s, "")
    .replace(/\s+(?:it's|it is|that's|that is|which is|as it)\b.*$/i, "")
    .replace(/\s+(?:entirely|completely|altogether|for good)\b/gi, "")
    .replace(/\s+(?:where|if|when|wherever) (?:possible|needed|necessary|applicable)\b.*$/i, "")
    .replace(/\s+that\s+(?:this|it|these|those|they|we|you|the)\b.*$/i, "")
    .replace(/\s+(?:e\.g\.?|i\.e\.?|ex:|for example)(?:\s.*|:.*)?$/i, "")
    .replace(
      /\s+\b(?:here|there|instead|as well|too|please|for now|again|also|then|now|everywhere|below|above)\b.*$/i,
      "",
    )
    .replace(
      /(?<=\S)\s+(?:in|on|at|from|for|into|to|onto|inside|outside|before|after|under|within|out of|as|so|because|since|if|when|once|until|unless|while|wherever|whenever|between|above|below|next to)\s+.*$/i,
      "",
    )
    .replace(new RegExp(`\\s+(?:and|or)\\s+(?:then\\s+)?(?:${VERBS})\\b.*$`, "i"), "")
    .replace(/[.!:;,\s]+$/, (end) => (end.startsWith("::") ? "::" : ""))
    .replace(/\s+(?:with|to|by|into|for|from|of|in|on|at)$/i, "")
    // "move this down into …": the particle belongs to the verb, not to the thing.
    .replace(/^(.+?)\s+(?:down|up|out|over|back|away|around|along)$/i, "$1")
    .trim();
  // "check that the type is right": a clause, not a thing.
  // "what does used give us": a lone verb form is not a thing either.
  if (cut.length === 0 || /^(?:this|that|it)$/i.test(cut) || /^that\s/i.test(cut) || /^[a-z]+ed$/.test(cut))
    return "it";
  if (/^(?:these|those|them)$/i.test(cut)) return "they";
  if (words(cut) > MAX_OBJECT_WORDS || /[\n]/.test(cut) || cut.length > 48) return "it";
  return codeLike(cut);
}

/** Unquoted code ("current_id = id") in a question or rewrite reads better in backticks; prose stays prose. */
function codeLike(phrase: string): string {
  const trimmed = phrase.trim().replace(/[.;,]+$/, "");
  if (trimmed.includes("`")) return trimmed;
  return looksLikeStatement(trimmed) && !/\s{2,}/.test(trimmed) ? `\`${trimmed}\`` : trimmed;
}

/** Code written as prose ("x = y;", "if (a) {"): a question built around it reads badly. Names alone are fine. */
function looksLikeStatement(phrase: string): boolean {
  return /[=;{}<>|]|\$\{/.test(phrase.replace(/`[^`]*`/g, ""));
}

function looksLikeCode(phrase: string): boolean {
  const outside = phrase.replace(/`[^`]*`/g, "");
  return /[=;{}<>[\]$]|\w\(|\(\)|::|->|\b\w+_\w*\b|\b[a-z]+[A-Z]\w*\b|\w\.\w+\(/.test(outside);
}

function shorten(text: string): string {
  return words(text) > MAX_OBJECT_WORDS ? text.split(/\s+/).slice(0, MAX_OBJECT_WORDS).join(" ") : text;
}

/** "a test" stays; "test" becomes "a test"; plural and uncountable phrases stay as written. */
function article(phrase: string): string {
  const p = codeLike(phrase);
  // A file or identifier ("gpio.h", "user_id") takes no article.
  if (
    /^(?:a|an|the|some|more|any|\d)\b/i.test(p) ||
    /s\b/.test(p.split(/\s+/)[0] ?? "") ||
    /^[`\w]*[._/]\w/.test(p)
  )
    return p;
  if (/^(?:docs|documentation|validation|error handling|logging|coverage|info|information)\b/i.test(p))
    return p;
  return `${/^[aeiou]/i.test(p) ? "an" : "a"} ${p}`;
}

/** Shouted words are lowered ("FIX THE INDENTATION" → "fix the indentation"); acronyms stay; "!!!"/"???" become one. */
function calm(sentence: string): string {
  // Quoted text is the code's or a message's own ("should be "END: …""): only the reviewer's words are calmed. One
  // word in capitals among lower-case ones is a name ("these FOOBAR tags", "a wrapper like QLOG"), not shouting.
  const shouted = /("[^"]*"|`[^`]*`|'[^']*')|\b([A-Z][A-Z']{2,})\b/g;
  // Shouting is most of the sentence in capitals ("FIX THE INDENTATION"); "should be FOOROW instead of FOOCOL" names
  // two constants.
  const shoutedWords = [...sentence.matchAll(shouted)].filter(
    (m) => m[1] === undefined && !ACRONYMS.has(m[0]),
  ).length;
  const shouts = shoutedWords * 2 >= words(sentence) ? shoutedWords : 0;
  return (
    sentence
      .replace(shouted, (match, quoted: string | undefined) =>
        quoted !== undefined || ACRONYMS.has(match) || shouts < 2 ? match : match.toLowerCase(),
      )
      .replace(/([!?])[!?]+/g, "$1")
      // Condescending asides ("…, obviously.") carry no request: the rewrite drops them.
      .replace(/,?\s*\b(?:obviously|clearly|of course|duh)\b,?\s*(?=[.!?]?$)/i, "")
      .replace(/^(?:obviously|clearly|of course|honestly|seriously|come on),?\s+/i, "")
      .trim()
  );
}

/** "rename to x" → "rename this to x"; "remove" → "remove this": the request reads naturally as a question. */
function withObject(request: string): string {
  const match = new RegExp(
    `^(${VERBS})(?=\\s+(?:to|into|in|as|from|with|here|instead|for)\\b|\\s*$)`,
    "i",
  ).exec(request);
  // "put in the git comment the sha1 of …" is not "put this in …": only a short remainder gets "this"; "inherit
  // from X" has its object already.
  return match &&
    !/^(?:inherit|return|raise|throw|die|exit|fail|continue|break)\b/i.test(request) &&
    words(request.slice(match[0].length)) <= 5
    ? `${match[1]} this${request.slice(match[0].length)}`
    : request;
}

function lowerSubject(subject: string): string {
  // "Here should be X" has no subject: it is about "this".
  if (/^(?:here|there)$/i.test(subject)) return "this";
  return lowerFirst(subject);
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function upperFirst(text: string): string {
  return (text[0]?.toUpperCase() ?? "") + text.slice(1);
}

function lowerFirst(text: string): string {
  // Keep "I" and identifiers that start upper-case (`UserId`, API) as written.
  return /^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]+[A-Z]/.test(text)
    ? (text[0]?.toLowerCase() ?? "") + text.slice(1)
    : text;
}
