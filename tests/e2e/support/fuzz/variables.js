'use strict';

// Variables for a document's declared variables: right, wrong or hostile values, written as JSON text so that numbers
// beyond a double, lone surrogates and duplicate keys can be sent.

const { isNonNullType, isListType, isEnumType, isInputObjectType, isScalarType } = require('graphql');
const { fuzzString } = require('./random');
const { fuzzId } = require('./documents');
const { raw } = require('./json-text');

/** A value that is wrong for almost any variable. */
function hostileValue(random) {
  return random.weighted([
    [2, null],
    [2, () => raw(random.pick(['1e400', '-1e400', '1E+9999', '123456789012345678901234567890', '-0', '0.0000000000000000000000001']))],
    [2, () => raw(random.pick(['"\\ud800"', '"\\udfff\\ud800"', '"a\\u0000b"', '"\\uDBFF\\uDFFF"']))],
    [1, () => 'x'.repeat(random.chance(0.9) ? 10_000 : random.pick([100_000, 600_000]))],
    [2, () => {
      // Nested past the reader's depth (64) or just under it.
      const depth = random.pick([10, 63, 64, 65, 200, 1000]);
      return raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    }],
    [1, () => raw(`${'['.repeat(random.pick([63, 65, 500]))}${']'.repeat(random.pick([63, 65, 500]))}`)],
    [1, () => Array.from({ length: random.pick([0, 1, 1000, 20_000]) }, (_, i) => i)],
    [1, () => raw('{"__proto__":{"polluted":1},"constructor":{"prototype":{}},"nested":{"list":[null,true,"x"]}}')],
    [1, () => raw('{"a":1,"a":2,"a":{"a":[]}}')],
    [2, () => fuzzString(random)],
    [1, () => random.pick([true, false, 0, -1, 2 ** 31, 2 ** 53, 1.5, []])],
  ]);
}

/** A value of `type`, mostly of the right shape. */
function valueOf(type, random, context, depth = 0) {
  if (random.chance(0.12)) return hostileValue(random);
  if (isNonNullType(type)) return valueOf(type.ofType, random, context, depth);
  if (isListType(type)) {
    return random.chance(0.15)
      ? valueOf(type.ofType, random, context, depth + 1)
      : Array.from({ length: random.int(0, depth > 2 ? 1 : 3) }, () => valueOf(type.ofType, random, context, depth + 1));
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return random.chance(0.9) ? random.pick(values) : random.identifier(6);
  }
  if (isInputObjectType(type)) {
    const value = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || (depth < 3 && random.chance(0.25))) value[field.name] = valueOf(field.type, random, context, depth + 1);
    }
    if (random.chance(0.1)) value[random.identifier(6)] = 1;
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return fuzzId(random, context);
      case 'Int':
        return random.chance(0.8) ? random.int(-2, 120) : random.pick([2 ** 31, -(2 ** 31) - 1, 1.5, '3']);
      case 'Float':
        return random.chance(0.8) ? random.int(-100, 100) / 3 : raw(random.pick(['1e308', '1e400', '5e-324']));
      case 'Boolean':
        return random.chance(0.9) ? random.chance(0.5) : random.pick(['true', 1, null]);
      case 'Long':
        return random.pick([0, 1, 2 ** 53, raw('9223372036854775807'), raw('9223372036854775808'), '12', -1]);
      case 'DateTime':
        return random.pick(['2026-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.9999999Z', 'not a date', 0]);
      case 'JSON':
        return random.pick([{ a: 1 }, [1, 2], 'x', 3, null, { deep: { deeper: { deepest: [raw('1e400')] } } }]);
      default:
        return fuzzString(random);
    }
  }
  return null;
}

/** The `variables` member of a request for the declared variables (undefined leaves it out). */
function fuzzVariables(declared, random, context) {
  return random.weighted([
    [6, () => {
      const variables = {};
      for (const { name, type } of declared) {
        if (isNonNullType(type) || random.chance(0.7)) variables[name] = valueOf(type, random, context);
      }
      if (random.chance(0.1)) variables[random.identifier(5)] = hostileValue(random);
      return variables;
    }],
    [1, undefined],
    [1, null],
    [1, () => hostileValue(random)],
    [1, () => raw(random.pick(['"{}"', '"{\\"a\\":1}"', '[]', '[{}]', '0', 'true']))],
  ]);
}

module.exports = { fuzzVariables, hostileValue };
