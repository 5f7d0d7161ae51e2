'use strict';

// JSON.stringify cannot write what a hostile client sends: a number beyond a double, a lone surrogate escape, a
// duplicate key. `raw(text)` marks a value that is written as it is; everything else is written as JSON.

class RawJson {
  constructor(text) {
    this.text = text;
  }
}

function raw(text) {
  return new RawJson(text);
}

/** Writes `value` as JSON text; `RawJson` values are copied verbatim, object keys may be `RawJson` via entries. */
function toJsonText(value) {
  if (value instanceof RawJson) {
    return value.text;
  }
  if (Array.isArray(value)) {
    return `[${value.map(toJsonText).join(',')}]`;
  }
  if (value instanceof Map) {
    // A Map keeps duplicate-looking keys apart when they are RawJson, so `{"a":1,"a":2}` can be written.
    return `{${[...value].map(([key, item]) => `${key instanceof RawJson ? key.text : JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

module.exports = { raw, toJsonText, RawJson };
