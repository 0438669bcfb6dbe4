import { describe, expect, it } from "@jest/globals";
import { checkSuggestion } from "../../src/analysis/check-suggestion.js";
import { isGenericMissing, readsCleanly, suggestRewrite } from "../../src/analysis/suggest-rewrite.js";
import { toneSignals } from "../../src/analysis/tone-signals.js";

const rewrite = (prose: string, extra: { harsh?: boolean; hasSuggestionBlock?: boolean } = {}) =>
  suggestRewrite({
    prose,
    hasSuggestionBlock: extra.hasSuggestionBlock ?? false,
    harsh: extra.harsh ?? false,
  });

describe("suggestRewrite: a rewrite where the request is short and clear", () => {
  it.each([
    [
      "Rename this to `captureWithRetry`.",
      "Could we rename this to `captureWithRetry`? Add the why: what does `captureWithRetry` tell the reader that the current name doesn't?",
    ],
    [
      "Remove the sleep.",
      "Could we remove the sleep? Add the why: what goes wrong, or gets confusing, if the sleep stays?",
    ],
    [
      "Remove `sleep(100)`.",
      "Could we remove `sleep(100)`? Add the why: what goes wrong, or gets confusing, if `sleep(100)` stays?",
    ],
    [
      "Use assertRaises instead of try/except.",
      "Could we use assertRaises instead of try/except? Add the why: what does assertRaises give us over try/except here?",
    ],
    ["This needs a test.", "Could we add a test? Add the why: which failure would a test catch?"],
    [
      "Prefer `map` over `forEach`.",
      "Could we use `map` rather than `forEach`? Add the why: what does `map` give us over `forEach` here?",
    ],
    ["Please don't use `var`.", "Could we avoid `var`? Add the why: what goes wrong if we use `var`?"],
    [
      "The timeout should be configurable.",
      "Should the timeout be configurable? Add the why: what goes wrong if the timeout isn't configurable?",
    ],
    [
      "I would still call this something like OnCompleted().",
      "Could we call this something like OnCompleted()? Add the why: what does OnCompleted() tell the reader that the current name doesn't?",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  it("keeps an approval that opened the comment", () => {
    expect(rewrite("LGTM overall, just rename `foo` to `fooBar`.")).toBe(
      "LGTM overall. Could we rename `foo` to `fooBar`? Add the why: what does `fooBar` tell the reader that the current name doesn't?",
    );
  });

  it("marks a typo or a formatting fix as a nit instead of asking for a why", () => {
    expect(rewrite("add a blank line before")).toBe("nit: add a blank line before");
    expect(rewrite("Can you remove this trailing whitespace ?")).toBe("nit: remove this trailing whitespace");
  });
});

describe("suggestRewrite: the missing why, named in the comment's terms, when no rewrite would be honest", () => {
  it.each([
    ["Wrong.", "Add the why: what does it get wrong (a case, an input), and what would be right?"],
    ["Unnecessary.", "Add the why: what makes it unnecessary (unused, or done elsewhere)?"],
    ["Is this needed?", "Add the why: what makes you doubt it is needed (unused, or done elsewhere)?"],
    [
      "Should this unregister gpu_notifier?",
      "Add the why: what goes wrong if it doesn't unregister gpu_notifier?",
    ],
    ["You are missing a seen_id = id;", "Add the why: what goes wrong without `seen_id = id`?"],
    [
      "stale_hosts = hosts_to_drop",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    [
      "I still disagree with adding this option.",
      "Add the why: what worries you about it? Naming the risk lets the author weigh it.",
    ],
    ["Incomplete docstring.", "Add the why: what is still missing from it?"],
    // Issue #14, item 4: the comments reader A found only the generic line for.
    [
      "cfg.as_plain_mapping is more appropriate here",
      "Add the why: what does cfg.as_plain_mapping give us here over the current code?",
    ],
    [
      "_build_session can go away now",
      "Add the why: what makes _build_session unnecessary now (unused, or done elsewhere)?",
    ],
    [
      "you miss an unittest with port=fakeport",
      "Add the why: which failure would `unittest with port=fakeport` catch?",
    ],
    [
      "Ah, this should be skip_empty=skip_empty",
      "Add the why: what goes wrong if it isn't `skip_empty=skip_empty`?",
    ],
    [
      "Or the simpler:\n\nif (mPendingUploadTask != null) {",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    [
      "it's better to add docstring e.g.:\n :param limit: the limit",
      "Add the why: what would docstring tell the next reader that the code doesn't?",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  it("asks about the suggestion block when the prose says nothing", () => {
    expect(rewrite("", { hasSuggestionBlock: true })).toBe(
      "Add the why: one sentence on what the suggested change fixes, or what it makes easier.",
    );
  });

  it("gives only a short English line around non-English prose", () => {
    expect(
      suggestRewrite({
        prose: "Bitte umbenennen in `maxRetries`.",
        hasSuggestionBlock: false,
        nonEnglish: true,
      }),
    ).toBe("Add the why: one sentence on what goes wrong otherwise, or what it makes easier.");
  });

  it("does not rewrite a long comment: it keeps its words and asks the one question", () => {
    const text = rewrite(`Please move this to a separate function. ${"Also rename `tmp`. ".repeat(40)}`);
    expect(text).toBe("Add the why: what gets easier, or safer, once it is moved?");
  });
});

describe("suggestRewrite: issue #14's sharper readings", () => {
  it.each([
    ["unless the diff view is lying, you left a double space here.", "nit: you left a double space here"],
    ["minor nit: End all these log messages with periods.", "nit: end all these log messages with periods"],
    [
      "you can write:\n\n  with self.open_client() as client:",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    // The jab is not kept as a "nit": only the generic line is left, which the renderers do not show.
    [
      "pep8 hates you for this line",
      "Add the why: one sentence on what goes wrong otherwise, or what the change makes easier.",
    ],
    [
      "Here should be Decimal instead of float.",
      "Should this be Decimal instead of float? Add the why: what does Decimal give us over float here?",
    ],
    [
      "I think that you should inherit probably from this class BasePanelWidget",
      "Could we inherit from this class BasePanelWidget? Add the why: what does inheriting from this class BasePanelWidget give us here?",
    ],
    [
      "This import should be removed",
      "Should this import be removed? Add the why: what makes this import unnecessary now (unused, or done elsewhere)?",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  // Misreadings two readers would not post (test/analysis/README.md, "Suggestions"), paraphrased.
  it.each([
    [
      "Please also drop the wildcards.",
      "Could we drop the wildcards? Add the why: what goes wrong, or gets confusing, if the wildcards stay?",
    ],
    [
      "Need to kill off &mux_regs here.",
      "Could we remove &mux_regs here? Add the why: what goes wrong, or gets confusing, if &mux_regs stays?",
    ],
    [
      "I would be great if you remove the backslash here.",
      // A stray backslash is cosmetic: readers of the blind readings passed it as a nit, not with a why.
      "nit: remove the backslash here",
    ],
    ["Just to be picky, there is an extra newline here.", "nit: there is an extra newline here"],
    ["Probably should remove this white-space.", "nit: remove this white-space"],
    [
      "the !url.empty() part is redundant now and should be removed",
      "Add the why: what makes the !url.empty() part unnecessary now (unused, or done elsewhere)?",
    ],
    [
      "These default values should be put at the top.",
      "Should these default values be put at the top? Add the why: what gets easier, or safer, once these default values are put at the top?",
    ],
    [
      'Should be "END: Run setup."',
      'Should this be "END: Run setup."? Add the why: what goes wrong if it isn\'t "END: Run setup."?',
    ],
    [
      "This should be\n\n  strict = opts.get('strict', False)",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    ["Can we remove the `die` here?", "Add the why: what goes wrong, or gets confusing, if the `die` stays?"],
    [
      "Maybe initialise this member to a sentinel?",
      "Add the why: what would that change give us? One clause of it turns the question into a suggestion.",
    ],
    [
      "why not place this in the loop over dirty bits?",
      "Add the why: what would that change give us? One clause of it turns the question into a suggestion.",
    ],
    [
      "I believe that CopyFailed should be raised here",
      "Should CopyFailed be raised here? Add the why: what goes wrong if CopyFailed isn't raised here?",
    ],
    ["s/recieve/receive/. Also its -> it's.", "nit: s/recieve/receive/"],
    [
      "Shouldn't you let start.sh run the daemon?",
      "Add the why: what goes wrong if we don't let start.sh run the daemon?",
    ],
    ["don't need the return there...", "Add the why: what makes the return unnecessary here?"],
    ["You need stdint.h as well.", "Could we add stdint.h? Add the why: what goes wrong without stdint.h?"],
    [
      "Should kill that while you're at it.",
      "Could we remove that? Add the why: what goes wrong, or gets confusing, if it stays?",
    ],
    [
      "Should remove the WITH_A and WITH_B flags here as well.",
      "Could we remove the WITH_A and WITH_B flags here? Add the why: what goes wrong, or gets confusing, if they stay?",
    ],
    [
      "enable_securty_group should be enable_security_group",
      "nit: enable_securty_group should be enable_security_group",
    ],
    ["typo: recieve should be receive", "nit: recieve should be receive"],
    ["I'd use a colon here, and in the other steps", "nit: use a colon here, and in the other steps"],
    [
      "Why store this as a bool, rather than using something like the `PolicyType` enum?",
      "Add the why: what would the `PolicyType` enum give us? One clause of it turns the question into a suggestion.",
    ],
    [
      "This helper is useless too and should go?",
      "Add the why: what makes it unnecessary (unused, or done elsewhere)?",
    ],
    [
      "Should this be\n  'driver: running \"%s\" for the %i time.'",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    [
      "kill `is_checked`!",
      "Could we remove `is_checked`? Add the why: what goes wrong, or gets confusing, if `is_checked` stays?",
    ],
    [
      "Useless docstring. Please delete it.",
      "Add the why: what makes it unnecessary (unused, or done elsewhere)?",
    ],
    [
      "This flag looks completely useless..",
      "Add the why: what makes it unnecessary (unused, or done elsewhere)?",
    ],
    [
      "The cast is unnecessary, and should be dropped.",
      "Add the why: what makes it unnecessary (unused, or done elsewhere)?",
    ],
    [
      "oops this should be deleted",
      "Should this be deleted? Add the why: what makes it unnecessary now (unused, or done elsewhere)?",
    ],
    ["Still those 3 useless spaces", "nit: those 3 useless spaces"],
    [
      "You should cherry-pick [2] on its own.",
      "Add the why: what goes wrong if it stays as it is, and what would you do instead?",
    ],
    ["Is it possible to remove these blank lines?", "nit: remove these blank lines"],
    [
      "lazy init `client`?",
      "Add the why: what would that change give us? One clause of it turns the question into a suggestion.",
    ],
    ["should be -x B101, B102, B103", "Add the why: what goes wrong if it stays as it is?"],
    [
      "retry yet by then -> already stopped",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  it("knows the generic lines, which name nothing of the comment", () => {
    expect(isGenericMissing(rewrite("strictly"))).toBe(true);
    expect(isGenericMissing("Add the why: what goes wrong if it stays as it is?")).toBe(true);
    expect(isGenericMissing("Add the why: what goes wrong, or gets confusing, if the sleep stays?")).toBe(
      false,
    );
    expect(isGenericMissing(rewrite("cfg.as_plain_mapping is more appropriate here"))).toBe(false);
  });
});

describe("suggestRewrite: the fifth reading's misreadings, paraphrased", () => {
  it.each([
    // One word in capitals among lower-case ones is a name, not shouting: it keeps its case.
    [
      "These FOOBAR tags should not be here",
      "Could we remove these FOOBAR tags? Add the why: what goes wrong, or gets confusing, if these FOOBAR tags stay?",
    ],
    // Two requests joined by "and": no rewrite fits both.
    [
      "This needs to be dropped before merging and all callers need to pass a Context.",
      "Add the why: what goes wrong if it stays as it is?",
    ],
    [
      "you should be using str (rather than std::str) throughout.",
      "Could we use str (rather than std::str) throughout? Add the why: what does str give us here that the current code doesn't?",
    ],
    [
      "i think you want to raise KeyError instead of calling exit",
      "Could we raise KeyError instead of calling exit? Add the why: what does raising KeyError give us over calling exit?",
    ],
    // "You need pass X": no "add a pass X".
    [
      "You need pass HANDLE into run.sh",
      "Add the why: what goes wrong if it stays as it is, or what does the change make easier?",
    ],
    [
      "Please include this:\n  stop on shutdown",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    [
      "move this down into _helper and get rid of this function.",
      "Could we move this down into _helper and get rid of this function? Add the why: what gets easier, or safer, once it is moved?",
    ],
    [
      "you should probably add a wrapper like QLOG and call it.",
      "Could we add a wrapper like QLOG and call it? Add the why: what goes wrong without a wrapper like QLOG?",
    ],
    [
      "TODO(bob): Remove this member once Request has it.",
      "Could we remove this member once Request has it? Add the why: what goes wrong, or gets confusing, if this member stays?",
    ],
    ["huge nit: add a space after the colon", "nit: add a space after the colon"],
    // From the ninth reading's rejections, paraphrased.
    [
      "I think it should be FooLimitRule not FooRule",
      "Should it be FooLimitRule rather than FooRule? Add the why: what does FooLimitRule give us over FooRule here?",
    ],
    [
      "This class should be named BarScalingTest",
      "Should this class be named BarScalingTest? Add the why: what does BarScalingTest tell the reader that the current name doesn't?",
    ],
    [
      "remove and use self.fake_client below",
      "Add the why: what goes wrong if it stays as it is, or what does the change make easier?",
    ],
    [
      "please check that the error type is correct (kBadPassword)",
      "Could we check that the error type is correct (kBadPassword)? Add the why: which input or case goes wrong if it isn't checked?",
    ],
    ["These two backslashes are unnecessary.", "nit: these two backslashes are unnecessary"],
    // From the tenth reading's rejections, paraphrased: typo fixes and substitutions are nits, not versions.
    ["recieved => received", "nit: recieved => received"],
    // From the sixteenth reading's rejections, paraphrased (not read since): a statement is a proposed version.
    [
      "delete this.memo_[id];",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    // From the fifteenth reading's rejections, paraphrased (read by the sixteenth).
    [
      "Should also be covered by the retry test.",
      "Should this be covered by the retry test? Add the why: what goes wrong if it isn't covered by the retry test?",
    ],
    [
      "Remove foo_bar(a, b) here.",
      "Could we remove foo_bar(a, b) here? Add the why: what goes wrong, or gets confusing, if foo_bar(a, b) stays?",
    ],
    [
      "Drop the cache or update it on every write.",
      "Could we drop the cache or update it on every write? Add the why: what goes wrong, or gets confusing, if the cache stays?",
    ],
    // From the fourteenth reading's rejections, paraphrased.
    [
      "This check should be incorrect.",
      "Add the why: what does it get wrong (a case, an input), and what would be right?",
    ],
    [
      "Kill it with fire, please.",
      "Could we remove it? Add the why: what goes wrong, or gets confusing, if it stays?",
    ],
    // From the thirteenth reading's rejections, paraphrased.
    [
      "hmm, should be using $FOO_DIR i suppose",
      "Could we use $FOO_DIR? Add the why: what does $FOO_DIR give us here that the current code doesn't?",
    ],
    [
      'It seems you should be able to drop both "if x" conditionals.',
      'Could we drop both "if x" conditionals? Add the why: what goes wrong, or gets confusing, if both "if x" conditionals stay?',
    ],
    ["the mock should go below the stdlib imports.", "nit: the mock should go below the stdlib imports"],
    ["Please add a Signed-off-by line.", "nit: add a Signed-off-by line"],
    // From the twelfth reading's rejections, paraphrased: more cosmetic fixes are nits.
    ["The = signs should probably be lined up.", "nit: the = signs should be lined up"],
    ["that paren is redundant.", "nit: that paren is redundant"],
    ["Drop the linebreak", "nit: drop the linebreak"],
    ["recieving should be receiving", "nit: recieving should be receiving"],
    ["foo.h should go after bar_foo.h.", "nit: foo.h should go after bar_foo.h"],
    [
      "UpdateThing should not be necessary here anymore.",
      "Add the why: what makes UpdateThing unnecessary now (unused, or done elsewhere)?",
    ],
    [
      "should be id=item_id instead of thing_id=item_id",
      "Could we use `id=item_id` instead of `thing_id=item_id`? Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    // From the eleventh reading's rejections, paraphrased.
    ["Should be FOOROW instead of FOOCOL.", "nit: should be FOOROW instead of FOOCOL"],
    [
      "use json_out rather than self.json_out",
      "Could we use json_out rather than self.json_out? Add the why: what does json_out give us over self.json_out here?",
    ],
    ["Those stray chars should be removed.", "nit: those stray chars should be removed"],
    ["you could kill this stray space here.", "nit: remove this stray space here"],
    [
      "Move the import between Foo.Details and bar.Message.",
      "Could we move the import between Foo.Details and bar.Message? Add the why: what gets easier, or safer, once the import is moved?",
    ],
    [
      'Use "bug#123" to refer to the report, remove the link below, and add a clearer message.',
      "Add the why: what goes wrong if it stays as it is, or what does the change make easier?",
    ],
    [
      "Missing a test case for _parse_option with a missing root",
      "Add the why: which failure would a test case catch?",
    ],
    [
      "It should be fooMetaData instead of fooMeatData.",
      "nit: it should be fooMetaData instead of fooMeatData",
    ],
    ["s/ = NULL//", "nit: s/ = NULL//"],
    ["my bad, but please drop the semi-colon while you are at it.", "nit: drop the semi-colon"],
    ["The parens here are unnecessary.", "nit: the parens here are unnecessary"],
    [
      "I'm not sure if this should be removed now...",
      "Add the why: what makes it unnecessary now (unused, or done elsewhere)?",
    ],
    [
      "Move this comment up to above function fooBar",
      "Could we move this comment up to above function fooBar? Add the why: what gets easier, or safer, once this comment is moved?",
    ],
    // Ending a process is not removing code; filler and jokes at the end are not part of the request.
    [
      "kill the worker process before returning",
      "Add the why: what goes wrong if it stays as it is, or what does the change make easier?",
    ],
    [
      "remove the temp dir or whatever",
      "Could we remove the temp dir? Add the why: what goes wrong, or gets confusing, if the temp dir stays?",
    ],
    [
      "There should be a FooError added to exceptions.",
      "Could we add a FooError? Add the why: what goes wrong without FooError?",
    ],
    // A list has no one thing to ask about; a line of code with a "?" in it is still a proposed version.
    ["Should be fooURL, barName and bazType.", "Add the why: what goes wrong if it stays as it is?"],
    [
      "int idx = a <= 0 ? (a == 0 ? 1 : 0) : 2;",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    [
      "Add a comment that this is meant to be temporary.",
      "Could we add a comment that this is meant to be temporary? Add the why: what would a comment tell the next reader that the code doesn't?",
    ],
    [
      "Declare this as Foo and remove the cast in Bar.",
      "Could we declare this as Foo and remove the cast in Bar? Add the why: what goes wrong if it stays as it is, or what does the change make easier?",
    ],
    [
      "Please use utils.run wherever you call a command.",
      "Could we use utils.run wherever you call a command? Add the why: what does utils.run give us here that the current code doesn't?",
    ],
    [
      "The cleanup should only be skipped when asked:\n  if conf.keep:",
      "Add the why: what goes wrong if the cleanup isn't skipped when asked?",
    ],
    // A man page, not a request to kill; a link keeps its address whole.
    ["kill(1)", "Add the why: one sentence on what this version fixes, or what it makes easier."],
    [
      "fix this docstring https://example.com/HACKING.rst#docstrings",
      "Add the why: what goes wrong while this docstring stays as it is?",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });
});

describe("suggestRewrite: a harsh comment", () => {
  it.each([
    ["This is a mess. Honestly I don't know how this passed CI. Rewrite it.", "Could we rewrite it?"],
    ["Why would you do this?! Use a map, obviously.", "Could we use a map?"],
    ["FIX THE INDENTATION!!!", "nit: fix the indentation"],
  ])("%j keeps the request without the heat", (prose, start) => {
    const text = rewrite(prose, { harsh: true });
    expect(text.startsWith(start)).toBe(true);
    expect(toneSignals(text)).toEqual([]);
    expect(text).not.toMatch(/honestly|passed CI|obviously|mess/i);
  });

  it("never turns a bare verdict into a rewrite that keeps it", () => {
    expect(rewrite("Wrong.")).not.toMatch(/^Wrong/);
  });

  it("passes the checker with every offline suggestion above", () => {
    for (const prose of [
      "Rename this to `captureWithRetry`.",
      "LGTM overall, just rename `foo` to `fooBar`.",
    ])
      expect(checkSuggestion(prose, rewrite(prose))).toEqual([]);
  });
});

describe("suggestRewrite: no line that stopped reading as one sentence (readings 9–16, paraphrased)", () => {
  it.each([
    // A second verb after the request's own: the comment keeps its words, and only a question that reads is asked.
    [
      "I would rather this helper be folded into the existing setup_env.",
      "Add the why: what goes wrong if it stays as it is, and what would you do instead?",
    ],
    [
      "Drop the retry_count, it's not used any more",
      "Add the why: what goes wrong, or gets confusing, if the retry_count stays?",
    ],
    [
      "the size should should be a power of two",
      "Add the why: one sentence on what goes wrong otherwise, or what the change makes easier.",
    ],
    [
      "drop or rename",
      "Add the why: one sentence on what goes wrong otherwise, or what the change makes easier.",
    ],
    // Punctuation on its own is formatting: a nit, not a why.
    ["{} are redundant", "nit: {} are redundant"],
    ["the ';' should be removed.", "nit: the ';' should be removed"],
    // An #endif comment, a missing space and a few words fixed after an arrow are formatting: nits.
    ["#endif  /* NET_QUEUE_H */", "nit: #endif  /* NET_QUEUE_H */"],
    ["missing space after the comma", "nit: missing space after the comma"],
    ["these handler => these handlers", "nit: these handler => these handlers"],
    ["`max_retries` -> ``max_retries``", "nit: `max_retries` -> ``max_retries``"],
    // Reading 17's misreadings, paraphrased: a process killed is not code removed, a dislike is not a request to
    // "not like", and one plain word for another is wording.
    [
      "kill $worker_pid",
      "Add the why: what goes wrong if it stays as it is, or what does the change make easier?",
    ],
    [
      "Don't like the second flag here",
      "Add the why: what goes wrong if it stays as it is, and what would you do instead?",
    ],
    ["pointless => needless", "nit: pointless => needless"],
    // A code name to take out is not a version to put in.
    [
      "`timeout=` should be removed.",
      "Should `timeout=` be removed? Add the why: what makes `timeout=` unnecessary now (unused, or done elsewhere)?",
    ],
    // A rename after an arrow is still a proposed version.
    [
      "loadAll() -> fetchAll()",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    // "put" → "putting".
    [
      "put the constant in the header rather than the source file",
      "Could we put the constant in the header rather than the source file? Add the why: what does putting the constant give us over the source file?",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  it.each([
    "Could we add a comment that this is meant to be temporary?",
    "Could we throw a ValueError when the port is negative?",
    "Could we make sure the file is closed?",
    "Should `foo` and `bar` be removed? Add the why: what makes them unnecessary now?",
    "Could we use 'x' rather than 'y'? Add the why: what does 'x' give us over 'y' here?",
    "Could we drop the user's cache?",
  ])("reads cleanly: %s", (line) => {
    expect(readsCleanly(line)).toBe(true);
  });

  it.each([
    "Could we remove or update?",
    'Could we add "that runs first?',
    "Could we remove 'to be thrown? Add the why: what goes wrong if ' stays?",
    "Could we use this call be squashed into setup?",
    "Could we inline the count variable it's useless?",
    "Could we drop the cache - keep the map?",
    "Could we remove the flag, it's not needed?",
    "Should the name should be short?",
    "Could we mention about the new option in the commit message?",
    "Could we drop the the cache?",
    "Add the why: what does there give us over the base class here?",
  ])("does not read cleanly: %s", (line) => {
    expect(readsCleanly(line)).toBe(false);
  });
});
