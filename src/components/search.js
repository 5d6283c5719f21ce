// Search for Japanese text. Japanese is written without spaces, so splitting on spaces (Framework's built-in
// search) cannot find a word inside a name; instead a term matches a text when every character bigram of the term
// occurs in it. Text is compared after NFKC (full-width letters and digits, half-width katakana), lower case and
// katakana folded to hiragana, so 「ＳＮＳ」 finds SNS and 「ヒキコモリ」 finds ひきこもり.

/** NFKC, lower case, katakana as hiragana, runs of whitespace as one space, trimmed; null → "". */
export function normalize(text) {
  return String(text ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, " ")
    .trim();
}

/** The character bigrams of a normalized text without its spaces; a single character is its own gram. */
export function bigrams(text) {
  const chars = [...normalize(text).replace(/ /g, "")];
  if (chars.length < 2) return new Set(chars);
  const grams = new Set();
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i] + chars[i + 1]);
  return grams;
}

/** The terms of a query: its space-separated parts, normalized; every term must match. */
export function queryTerms(query) {
  const text = normalize(query);
  return text === "" ? [] : text.split(" ");
}

/**
 * Whether one term matches one text: every bigram of the term occurs in the text. A single character must occur
 * in the text.
 */
export function termMatches(term, text) {
  const grams = bigrams(term);
  if (grams.size === 0) return true;
  const haystack = normalize(text).replace(/ /g, "");
  for (const gram of grams) if (!haystack.includes(gram)) return false;
  return true;
}

/**
 * The items that match every term of the query in at least one of their fields (fields(item) → strings), best
 * first: items with a term written out whole come before those matched bigram by bigram, and earlier fields
 * count more; ties keep the input order. An empty query returns every item, in order.
 */
export function search(items, query, fields) {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...items];
  const scored = [];
  items.forEach((item, index) => {
    const texts = fields(item).map((t) => normalize(t).replace(/ /g, ""));
    let score = 0;
    for (const term of terms) {
      const compact = term.replace(/ /g, "");
      let best = -1;
      texts.forEach((text, i) => {
        if (!termMatches(compact, text)) return;
        const weight = (text.includes(compact) ? 2 : 1) / (i + 1);
        if (weight > best) best = weight;
      });
      if (best < 0) return;
      score += best;
    }
    scored.push({item, index, score});
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((d) => d.item);
}
