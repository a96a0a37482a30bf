/**
 * Jackknife folds of the training sentences, for the annotated-name lexicon: a sentence's features see only the
 * names of the other folds, so the lexicon features are weighted as they will fire on unseen text.
 *
 * The folds are blocks of `block` consecutive sentences (block k in fold k mod `folds`). The corpora keep their
 * articles' sentence order, and an article repeats its names in its next sentences: with one-sentence blocks a
 * sentence's names are in the other folds' lexicon far more often than an unseen article's names are in the
 * shipped lexicon (MSRA: 80 % of the names of two characters or more, against 67 % with blocks of 500 sentences
 * and 73 % for People's Daily dev under the whole lexicon), and the model learns to trust the lexicon too much.
 */

/** The fold (0 … folds − 1) of each of `count` sentences. */
export function jackknifeFolds(count: number, folds: number, block: number): Uint8Array {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`jackknifeFolds: count ${count} is not a non-negative integer`);
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= 255)) throw new RangeError(`jackknifeFolds: folds ${folds} is not an integer in 2…255`);
  if (!(Number.isInteger(block) && block >= 1)) throw new RangeError(`jackknifeFolds: block ${block} is not a positive integer`);
  const out = new Uint8Array(count);
  for (let j = 0; j < count; j++) out[j] = Math.floor(j / block) % folds;
  return out;
}
