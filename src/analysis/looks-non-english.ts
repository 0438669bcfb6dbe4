// Tells whether prose is probably not English, so verdicts from English rules are given low confidence instead of trust.

const ENGLISH = new Set(
  "the a an to is are be this that it of in and or for we you i on with not use should can here why what if when so but as at by from do does don't it's there they would could will need please".split(
    " ",
  ),
);
// Function words of the languages reviewers most often write in besides English (de, es, fr, pt, it, nl).
const FOREIGN = new Set(
  "der die das und ist nicht bitte hier ein eine wir ich du sie mit auf für zu den dem weil sonst damit lieber oder auch noch kann muss el la los las es esto este esta que para porque por una un con sin del lo se le les est une pas ici il ce cette pour avec sur dans qui sinon faudrait não um uma isso aqui com em os renomeie na mas também het een niet dat voor ook maar gli della che non questo in".split(
    " ",
  ),
);
const WORD = /[\p{L}']+/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/;
const ACCENTED = /[\u00C0-\u024F]/g;

export function looksNonEnglish(prose: string): boolean {
  // Most review prose is plain ASCII: only then are the per-letter script counts skipped.
  const ascii = !/[^\t\n\r -~]/.test(prose);
  if (!ascii) {
    let letters = 0;
    let nonLatin = 0;
    for (const char of prose) {
      if (!/\p{L}/u.test(char)) continue;
      letters++;
      if (!LATIN_LETTER.test(char)) nonLatin++;
    }
    // Scripts other than Latin (CJK, Cyrillic, Arabic…) dominate: not English.
    if (letters > 0 && nonLatin / letters > 0.3) return true;
  }
  let english = 0;
  let foreign = 0;
  for (const word of prose.toLowerCase().match(WORD) ?? []) {
    // Words of both lists ("in") say nothing either way.
    const isEnglish = ENGLISH.has(word);
    const isForeign = FOREIGN.has(word);
    if (isEnglish && !isForeign) english++;
    else if (isForeign && !isEnglish) foreign++;
  }
  const accented = ascii ? 0 : (prose.match(ACCENTED) ?? []).length;
  return foreign > english || (foreign > 0 && english === 0) || (accented >= 2 && english === 0);
}
