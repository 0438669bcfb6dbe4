import { describe, expect, it } from "@jest/globals";
import { notNamedBecause } from "../../src/analysis/names-a-change.js";

// Paraphrases of the kinds of comments found in the labeled corpus (its texts stay out of the repository).
describe("notNamedBecause: corrections a nudge does not name", () => {
  it.each([
    "Are these the v2 routes?",
    "is this a Linux-only fix?",
    "Quick question: what's the 5000 for?",
    "Silly question: why does this flag imply caching? Is that true for the other backends?",
    "Why?",
    "why does the loop start at one?",
    "When is `conn` null here? Are retries passed in?",
    "the mirror seems to have gone missing?",
    "That's interesting. What was being misread? And what did the linter flag?",
    "Sorry the dumb question... what's pyyaml-lite?",
    "there are times like this when I feel ignorant.\nCan you explain why one should use setdefault here?",
    "might be a silly question, but why does this differ from the cleanup helper?",
    "Probably a dumb question but what is the gateway address? The router or..?",
  ])("a question asking for information: %s", (body) => {
    expect(notNamedBecause(body)).toBe("question");
  });

  // A change asked as a question already invites the reason; the readers found a line under it postable about half
  // the time (test/analysis/README.md).
  it.each([
    "Should this be `BytesIO`?",
    "Could we turn this into a tuple?",
    "Maybe initialise this field to a sentinel?",
    "why not call `get_helper` directly?",
    "Why is this needed?",
    "why are these globals rather than fields of the config struct?",
    "Do we really need a factory here?",
    "`os.kill`?",
    "Is `NotFound` better here than `ServerError`?",
    "Want to make the loader lazy?",
    "Ignore malformed entries?",
    "lazy init `client`?",
    "`a` -> `b`?",
    "Why don't we share one run_cmd helper for all of these.",
    // The reviewer is not sure either: there is no why to add.
    "I don't know whether this flag should stay.",
    "Drop the two helpers at the bottom if they are not used.",
  ])("a change proposed as a question: %s", (body) => {
    expect(notNamedBecause(body)).toBe("question");
  });

  it.each(["Rename to fooCount (very very minor nit)", "An extra blank line here, totally a nit."])(
    "a comment the reviewer called a nit at its end: %s",
    (body) => {
      expect(notNamedBecause(body)).toBe("marked-nit");
    },
  );

  it.each([
    "Move this above the imports for organization",
    "Use tabs here to be consistent with the rest of the file.",
    "Wrap at 79 columns per the style guide.",
  ])("a comment that names its convention: %s", (body) => {
    expect(notNamedBecause(body)).toBe("reason-stated");
  });

  // It may be named; whether it is listed depends on its line (`worthListing`): a "nit:" is, a bare "what makes it
  // unnecessary …?" is not (test/analysis/README.md, "Suggestions").
  it.each([
    "Remove this unused import.",
    "This cast is redundant.",
    "Typo: recieve -> receive",
    "This blank line should be removed.",
  ])("a reason in its own words stays a candidate: %s", (body) => {
    expect(notNamedBecause(body)).toBeUndefined();
  });

  it.each([
    "ditto",
    "Ditto re raw pointers.",
    "Same here, use `settings.override`.",
    "same as above: these docs add nothing",
    "As above, we can drop `tmp`.",
    "See my previous comment.",
    "According to the comment above, every `client` should become `self._client`.",
    "nit: ditto `Color::red`",
    "Again, this needs a log line.",
    "Still not addressed.",
    "similar to above, a call_count check would be nice",
    "Why a new class? see below...",
    "and here",
    "Drop this docstring too",
    "+1, we should use kNewTab here.",
    "Also, drop the sleep here.",
    "Same for the ones below: `Path` over `str`.",
    "This branch goes away if you follow my suggestion.",
    "(becomes dead weight after applying the suggestion above)",
  ])("a reason given in another comment: %s", (body) => {
    expect(notNamedBecause(body)).toBe("elsewhere");
  });

  it.each([
    "Rename this to `retryCount`.",
    "What is this? Remove it.",
    "Are these v2 routes?\n```suggestion\nroutes_v3\n```",
    "Why do we mock this? I think you should mock the client instead.",
    "Please move the retry loop into the client.",
    "These FOOBAR tags should not be here",
    "Could you rename this to `retryCount`.",
  ])("a request stays a candidate: %s", (body) => {
    expect(notNamedBecause(body)).toBeUndefined();
  });
});
