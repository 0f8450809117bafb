// Alternating runs of a bench section on two builds: the order they run in (ABBA) and the fold of one side's runs into
// one printout, each figure line showing the median of its numbers.

/** Which side runs first in each round: baseline, ours, ours, baseline, … — the second run of a pair reads slower. */
export const abbaOrder = (rounds) => Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline'])).flat();

// A number in a printed line: digits with optional thousands commas and decimals, a leading minus only when it is not a
// hyphen inside a word ("cache-400"); digits glued to a letter before them ("p95") are a label, not a figure.
const NUMBER = /(?<![\w.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/g;

const skeleton = (line) => line.replace(NUMBER, '#');

const decimals = (text) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of one number's texts across runs, written as precisely as the most precise of them. */
function medianText(texts) {
  if (texts.every((text) => text === texts[0])) return texts[0];
  const places = Math.max(...texts.map(decimals));
  const value = median(texts.map((text) => Number(text.replaceAll(',', ''))));
  return texts.some((text) => text.includes(','))
    ? value.toLocaleString('en', { minimumFractionDigits: places, maximumFractionDigits: places })
    : value.toFixed(places);
}

/**
 * Merges the outputs of N runs of one section, line by line: a line whose text around its numbers is the same in every
 * run is printed with each number replaced by its median across the runs; any other line is printed as the first run
 * printed it (a line's position is its identity, as the sections print a fixed layout).
 */
export function mergeRuns(outputs) {
  if (outputs.length === 0) return '';
  const runs = outputs.map((output) => output.split('\n'));
  return runs[0].map((line, index) => {
    const lines = runs.map((run) => run[index]);
    if (lines.some((other) => other === undefined || skeleton(other) !== skeleton(line))) return line;
    const numbers = lines.map((other) => other.match(NUMBER) ?? []);
    let at = 0;
    return line.replace(NUMBER, () => {
      const merged = medianText(numbers.map((texts) => texts[at]));
      at += 1;
      return merged;
    });
  }).join('\n');
}
