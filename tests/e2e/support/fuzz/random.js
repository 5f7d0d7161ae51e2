'use strict';

// A small seeded PRNG (mulberry32) and the choices the generators make with it. Every case gets a generator of its
// own, derived from the run's seed and the case's index, so one case can be replayed without the ones before it.

function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the run's seed and a case index into the seed of that case (an integer hash, so nearby indexes diverge). */
function caseSeed(runSeed, index) {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max]. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks from `[[weight, value], ...]`; a value that is a function is called with this generator. */
  weighted(table) {
    const total = table.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [weight, value] of table) {
      roll -= weight;
      if (roll < 0) {
        return typeof value === 'function' ? value(this) : value;
      }
    }
    const last = table[table.length - 1][1];
    return typeof last === 'function' ? last(this) : last;
  }

  /** A size that is usually small and sometimes large: most fuzz value is at the edges. */
  size(small, large) {
    return this.chance(0.85) ? this.int(0, small) : this.int(small, large);
  }

  shuffle(items) {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  bytes(length) {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) {
      out[i] = this.int(0, 255);
    }
    return out;
  }

  identifier(maxLength = 12) {
    const first = 'abcdefghijklmnopqrstuvwxyz_';
    const rest = `${first}0123456789`;
    let name = this.pick([...first]);
    const length = this.int(0, maxLength - 1);
    for (let i = 0; i < length; i += 1) {
      name += this.pick([...rest]);
    }
    return name;
  }
}

/**
 * Text that breaks naive handling: control characters, a lone surrogate, non-characters, combining marks,
 * right-to-left overrides, emoji sequences, NUL, and long runs.
 */
const oddText = [
  '',
  ' ',
  '\u0000',
  '\u0007\u001b[31m',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\ud83d',
  '\ufeff',
  '\uffff',
  '\ufffe',
  '\u202e\u2066abc',
  'e\u0301\u0301\u0301\u0301',
  '\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\u0130\u0131\u00df',
  'ǅ',
  '\u2028\u2029',
  '\\',
  '"',
  "'",
  '${}',
  '%s%n%x',
  '{{x}}',
  '<script>alert(1)</script>',
  "'; DROP TABLE Models; --",
  '../../../../etc/passwd',
  'C:\\Windows\\win.ini',
  'global',
  'model:',
  'team:',
  'model:*',
];

/** A string for a value: ordinary, odd, huge or numeric-looking. */
function fuzzString(random) {
  return random.weighted([
    [5, (r) => r.identifier(16)],
    [4, (r) => r.pick(oddText)],
    [2, (r) => Array.from({ length: r.int(1, 6) }, () => r.pick(oddText)).join(r.identifier(3))],
    [1, (r) => 'x'.repeat(r.pick([256, 1025, 4097, 65_537]))],
    [1, (r) => String(r.pick([0, -1, 1e21, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]))],
    [1, (r) => r.pick(['true', 'null', 'NaN', 'Infinity', '-0', '1e400', '0x10'])],
  ]);
}

module.exports = { Random, caseSeed, oddText, fuzzString };
