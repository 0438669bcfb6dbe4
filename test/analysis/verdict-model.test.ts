import { existsSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { GERRIT_FILE, readLabeledCorpus } from "../../scripts/corpus/corpus-files.js";
import { toExample } from "../../scripts/corpus/featurize.js";
import { fitTemperature, trainSoftmax } from "../../scripts/corpus/train-softmax.js";
import { scoreExamples } from "../../scripts/corpus/train-verdict-model.js";
import { teachCorrectF1 } from "../../scripts/corpus/verdict-figures.js";
import { assess } from "../../src/analysis/assess.js";
import { FEATURE_BUCKETS } from "../../src/analysis/model/comment-features.js";
import { shippedVerdictModel } from "../../src/analysis/model/shipped-verdict-model.js";
import {
  decodeVerdictModel,
  encodeVerdictModel,
  VERDICT_CLASSES,
} from "../../src/analysis/model/verdict-model.js";
import { skipNote } from "../helpers/skip-note.js";

const verdictOf = (body: string) => assess({ id: "c1", body, author: "kim" }, { prAuthor: "dana" }).verdict;

describe("the shipped verdict model", () => {
  it("loads from the repository with no network: every bucket's weights and a positive temperature", () => {
    const model = shippedVerdictModel();

    expect(model.version).toMatch(/^gerrit-\d+-/);
    expect(model.weights).toHaveLength(FEATURE_BUCKETS * VERDICT_CLASSES.length);
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.weights.some((w) => w !== 0)).toBe(true);
  });

  it.each([
    ["Please add a unit test for this.", "correcting"],
    ["nit: extra blank line", "correcting"],
    ["Use a set here.", "correcting"],
    ["There is already a helper for this in utils/strings.py, which also handles unicode.", "teaching"],
    ["This lock is held across the network call, so a slow server stalls every other request.", "teaching"],
    ["What happens if `items` is empty?", "teaching"],
    ["Done", "not-feedback"],
    ["Thanks!", "not-feedback"],
    ["/retest", "not-feedback"],
  ])("judges %j as %s", (body, verdict) => {
    expect(verdictOf(body)).toBe(verdict);
  });

  it("survives encoding: the decoded weights give the same verdicts", () => {
    const model = shippedVerdictModel();
    const again = decodeVerdictModel(encodeVerdictModel(model));
    const body = "This lock is held across the network call, so a slow server stalls every other request.";

    expect(assess({ id: "1", body }, {}, { model: again })).toEqual(assess({ id: "1", body }, {}, { model }));
  });

  it("refuses a weights file of the wrong size, naming the command that rebuilds it", () => {
    expect(() => decodeVerdictModel({ version: "x", temperature: 1, scale: 1, weights: "AAAA" })).toThrow(
      /npm run train/,
    );
  });
});

// Training is reproducible: the settings recorded in the shipped version, trained again on the corpus, give the
// shipped weights' dev figure. Needs the comment texts, which live outside the repository (GPL).
const corpusHere = existsSync(GERRIT_FILE);
if (!corpusHere) skipNote(`model training reproduction: ${GERRIT_FILE} not found (docs/analysis.md)`);
(corpusHere ? describe : describe.skip)("npm run train on the labeled corpus", () => {
  it("reproduces the shipped model's dev teach/correct F1 within 0.01", () => {
    const corpus = readLabeledCorpus();
    if (!corpus.ok) throw new Error(corpus.why);
    const shipped = shippedVerdictModel();
    const [, l2, epochs, learningRate] = /-l2([\d.e-]+)-e(\d+)-lr([\d.]+)$/.exec(shipped.version) ?? [];
    const train = corpus.comments.filter((c) => c.split === "train").map((c) => toExample(c.body, c.label));
    const dev = corpus.comments.filter((c) => c.split === "dev").map((c) => toExample(c.body, c.label));

    const weights = trainSoftmax(train, {
      l2: Number(l2),
      epochs: Number(epochs),
      learningRate: Number(learningRate),
      seed: 1,
    });
    const retrained = teachCorrectF1(scoreExamples(weights, fitTemperature(weights, dev), dev));
    const shippedF1 = teachCorrectF1(scoreExamples(shipped.weights, shipped.temperature, dev));

    expect(Math.abs(retrained - shippedF1)).toBeLessThanOrEqual(0.01);
  });
});
