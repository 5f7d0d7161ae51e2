'use strict';

// GraphQL documents built from the served schema (schema/schema.graphql), then often mutated into the shapes that
// have cost the server minutes or 500s: truncation, splices, deep nesting, alias and directive floods, fragment
// fans and chains, odd Unicode, huge numbers and broken escapes.

const fs = require('node:fs');
const path = require('node:path');
const {
  buildSchema,
  isNonNullType,
  isListType,
  isEnumType,
  isInputObjectType,
  isScalarType,
  isLeafType,
  isObjectType,
  isAbstractType,
  getNamedType,
} = require('graphql');
const { fuzzString, oddText } = require('./random');
const { repositoryRoot } = require('../server');

const schema = buildSchema(fs.readFileSync(path.join(repositoryRoot, 'schema', 'schema.graphql'), 'utf8'));

/** GraphQL string literal; JSON's escapes are a subset of GraphQL's, and lone surrogates stay escaped. */
function stringLiteral(text) {
  return JSON.stringify(text);
}

/** A value for an ID argument: mostly real IDs of the seeded data, sometimes IDs of the wrong type or garbage. */
function fuzzId(random, context) {
  return random.weighted([
    [5, (r) => r.pick(context.ids)],
    [1, (r) => Buffer.from(`${r.pick(['ModelVersion', 'Model', 'Dataset', 'Deployment', 'Artifact', 'ApiKey', 'Nope'])}:${r.pick([0, -1, 1, 2, 99999, '9'.repeat(30), 'x', ''])}`).toString('base64url')],
    [1, (r) => fuzzString(r)],
  ]);
}

function fuzzInt(random) {
  return random.weighted([
    [6, (r) => String(r.int(-2, 120))],
    [1, (r) => r.pick(['2147483647', '2147483648', '-2147483649', '0', '-0', '1000000', '99999999999999999999999'])],
  ]);
}

function fuzzFloat(random) {
  return random.weighted([
    [5, (r) => String(r.int(-100, 100) / 7)],
    [1, (r) => r.pick(['1e308', '1.7976931348623157e309', '1e400', '-1e400', '5e-324', '0.0', '1e-400'])],
  ]);
}

/** A literal of `type` in GraphQL syntax; `depth` bounds recursive input objects such as filter `and`. */
function literalOf(type, random, context, depth = 0) {
  if (isNonNullType(type)) {
    return random.chance(0.03) ? 'null' : literalOf(type.ofType, random, context, depth);
  }
  if (random.chance(0.04)) {
    return random.pick(['null', '[]', '{}', '"x"', '1', 'true', 'RANDOM_ENUM']);
  }
  if (isListType(type)) {
    const count = random.int(0, depth > 2 ? 1 : 3);
    return `[${Array.from({ length: count }, () => literalOf(type.ofType, random, context, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return random.chance(0.9) ? random.pick(values) : random.identifier(8).toUpperCase();
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const chosen = fields.filter((field) => isNonNullType(field.type) || (depth < 3 && random.chance(0.25)));
    return `{ ${chosen.map((field) => `${field.name}: ${literalOf(field.type, random, context, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return stringLiteral(fuzzId(random, context));
      case 'Int':
        return fuzzInt(random);
      case 'Float':
        return fuzzFloat(random);
      case 'Boolean':
        return random.pick(['true', 'false']);
      case 'Long':
        return random.pick(['0', '1', '-1', '9223372036854775807', '9223372036854775808', '"12"', '1.5']);
      case 'DateTime':
        return stringLiteral(random.pick(['2026-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0001-01-01', 'yesterday', '2026-02-30T25:61:00Z']));
      case 'JSON':
        return random.pick(['{ a: 1 }', '[1, "x", null]', '"text"', '{ nested: { deeper: [ { x: 1e3 } ] } }', '42']);
      default:
        return stringLiteral(fuzzString(random));
    }
  }
  return 'null';
}

/** The variable's type as written in a definition. */
function typeName(type) {
  return String(type);
}

/**
 * Builds the selection set of `type`. `budget.fields` caps the document's size; `depth` counts down so the
 * shape ends in leaves.
 */
function selectionSet(type, random, context, depth, budget, variables) {
  if (isAbstractType(type)) {
    const possible = schema.getPossibleTypes(type);
    const parts = ['__typename'];
    for (const concrete of random.shuffle(possible).slice(0, random.int(0, 2))) {
      parts.push(`... on ${concrete.name} ${selectionSet(concrete, random, context, depth, budget, variables)}`);
    }
    return `{ ${parts.join(' ')} }`;
  }
  const fields = Object.values(type.getFields());
  const count = random.int(1, 4);
  const parts = [];
  for (const field of random.shuffle(fields).slice(0, count)) {
    if (budget.fields <= 0) break;
    const named = getNamedType(field.type);
    if (!isLeafType(named) && depth <= 0) continue;
    budget.fields -= 1;
    parts.push(fieldSelection(field, named, random, context, depth, budget, variables));
  }
  if (parts.length === 0) parts.push('__typename');
  return `{ ${parts.join(' ')} }`;
}

function fieldSelection(field, named, random, context, depth, budget, variables) {
  const alias = random.chance(0.1) ? `${random.identifier(6)}: ` : '';
  const args = argumentsOf(field, random, context, variables);
  const directive = random.chance(0.05) ? ` @${random.pick(['include', 'skip'])}(if: ${random.pick(['true', 'false'])})` : '';
  const sub = isLeafType(named) ? '' : ` ${selectionSet(named, random, context, depth - 1, budget, variables)}`;
  return `${alias}${field.name}${args}${directive}${sub}`;
}

function argumentsOf(field, random, context, variables) {
  const written = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type) && !random.chance(0.35)) continue;
    if (random.chance(0.25)) {
      const name = `v${variables.length}`;
      variables.push({ name, type: arg.type });
      written.push(`${arg.name}: $${name}`);
    } else {
      written.push(`${arg.name}: ${literalOf(arg.type, random, context)}`);
    }
  }
  return written.length ? `(${written.join(', ')})` : '';
}

/** A schema-valid operation (before mutation) with the variables it declares. */
function validOperation(random, context) {
  const operation = random.weighted([
    [7, 'query'],
    [2, 'mutation'],
    [1, 'subscription'],
  ]);
  const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[operation];
  const variables = [];
  const budget = { fields: random.int(3, 40) };
  const rootFields = Object.values(root.getFields());
  const parts = [];
  for (const field of random.shuffle(rootFields).slice(0, operation === 'subscription' ? 1 : random.int(1, 3))) {
    parts.push(fieldSelection(field, getNamedType(field.type), random, context, random.int(1, 5), budget, variables));
  }
  const name = random.chance(0.5) ? random.identifier(10) : '';
  const definitions = variables.length ? `(${variables.map((v) => `$${v.name}: ${typeName(v.type)}`).join(', ')})` : '';
  const keyword = operation === 'query' && !name && !definitions && random.chance(0.5) ? '' : `${operation} ${name}${definitions} `;
  return { text: `${keyword}{ ${parts.join(' ')} }`, operation, name, variables };
}

/** Repeats `unit` `count` times, joined by `separator`. */
function many(count, unit, separator = ' ') {
  return Array.from({ length: count }, (_, i) => unit(i)).join(separator);
}

/** Shapes written whole: each one a known way to make validation or parsing expensive. */
const hostileShapes = [
  (r) => `{ ${'models {'.repeat(r.size(40, 120))} __typename`,
  (r) => {
    const depth = r.size(40, 300);
    return `{ ${'models { nodes { '.repeat(depth)}id${' } }'.repeat(depth)} }`;
  },
  (r) => `{ ${many(r.size(40, 5000), (i) => `a${i}: __typename`)} }`,
  (r) => `{ ${many(r.size(25, 20_000), () => 'me { name }')} }`,
  (r) => `{ me ${many(r.size(12, 50_000), () => '@include(if: true)')} { name } }`,
  (r) => `{ me ${many(r.size(12, 2000), (i) => `@unknown${i}`)} { name } }`,
  (r) => {
    // Ten (or more) spreads a level: a small document of a billion fields when inlined.
    const levels = r.int(3, 12);
    const width = r.int(2, 12);
    const fragments = many(levels, (i) => `fragment F${i} on Query { ${i + 1 < levels ? many(width, () => `...F${i + 1}`) : '__typename'} }`, '\n');
    return `{ ...F0 }\n${fragments}`;
  },
  (r) => {
    const length = r.size(100, 4000);
    return `{ ...C0 }\n${many(length, (i) => `fragment C${i} on Query { ${i + 1 < length ? `...C${i + 1}` : '__typename'} }`, '\n')}`;
  },
  (r) => {
    const count = r.size(100, 1200);
    return `{ ${many(count, (i) => `...D${i}`)} }\n${many(count, (i) => `fragment D${i} on Query { __typename }`, '\n')}`;
  },
  (r) => `{ __typename }\n${many(r.size(100, 10_000), (i) => `fragment U${i} on Query { __typename }`, '\n')}`,
  (r) => `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
  (r) => `{ models(${many(r.size(30, 20_000), () => 'first: 1', ', ')}) { totalCount } }`,
  (r) => {
    const depth = r.size(30, 200);
    return `{ models(where: ${'{ and: ['.repeat(depth)}{ name: { eq: "x" } }${'] }'.repeat(depth)}) { totalCount } }`;
  },
  (r) => `{ models(first: ${r.pick(['[[[[[[[[[[1]]]]]]]]]]', '1e400', '99999999999999999999', '-1', '2147483648', '0x10', '1.0'])}) { totalCount } }`,
  (r) => `query(${many(r.size(30, 3000), (i) => `$v${i}: Int`, ', ')}) { __typename }`,
  (r) => `{ modelVersions(first: 101) { nodes { id } } models(first: ${r.int(1, 100)}) { nodes { versions(first: 101) { totalCount } } } }`,
  (r) => `${many(r.int(2, 30), (i) => `query Q${i} { __typename }`, '\n')}`,
  (r) => `mutation { ${many(r.size(5, 60), (i) => `a${i}: registerModel(input: { name: "fz-${r.identifier(8)}-${i}", task: CLASSIFICATION, owner: "fuzz" }) { model { id } errors { code } }`)} }`,
];

/** Broken syntax spliced into a document. */
const brokenPieces = [
  '"\\x41"', '"\\u12"', '"\\uD800"', '"\\u{1F600}"', '"unterminated', '"""block', '"""', '\\', '#', '\u0000', '\ufeff',
  '{', '}', '(', ')', '[', ']', '...', '..', '$', '$$', '@', '!', '=', ':', '|', '&', ',', '0x1F', '1e400', '-', '.5',
  '99999999999999999999999999999', '1.7976931348623157e309', 'on', 'fragment', 'query', 'mutation', 'subscription',
  '__schema { types { name } }', '__type(name: "Query") { name }', '\u2028', '\r', '\t', '\ud83d\ude00', '\udfff',
];

function mutate(text, random, other) {
  const at = random.int(0, text.length);
  return random.weighted([
    [3, () => text.slice(0, at)],
    [2, () => text.slice(at)],
    [3, () => `${text.slice(0, at)}${random.pick(brokenPieces)}${text.slice(at)}`],
    [2, () => {
      const from = random.int(0, other.length);
      return `${text.slice(0, at)}${other.slice(from, from + random.int(1, 80))}${text.slice(at)}`;
    }],
    [2, () => `${text.slice(0, at)}${text.slice(at + random.int(1, 20))}`],
    [1, () => `${text.slice(0, at)}${random.pick(oddText)}${text.slice(at)}`],
    [1, () => text.replace(/\d+/g, () => random.pick(['1e400', '99999999999999999999', '-0', '2147483648', '1.5']))],
    [1, () => text.replace(/"[^"]*"/, () => random.pick(['"\\uD800"', '"\\x00"', '"\\u00"', '"\\"', `"${'a'.repeat(100_000)}"`]))],
    [1, () => text.replace(/[a-z]/g, (c) => (random.chance(0.05) ? c.toUpperCase() : c))],
    [1, () => `${'\ufeff'}${text}${random.pick(['', '\u0000', '}', ' # comment \u2028', ' query { __typename }'])}`],
  ]);
}

/**
 * A document for a case: a valid operation, a mutated one, or a hostile shape.
 * Returns `{ text, operation, variables }` where `variables` are the declared variables (may not match `text` once mutated).
 */
function fuzzDocument(random, context) {
  const base = validOperation(random, context);
  return random.weighted([
    [5, () => base],
    [3, () => {
      const other = validOperation(random, context).text;
      let text = base.text;
      for (let i = random.int(1, 3); i > 0; i -= 1) text = mutate(text, random, other);
      return { ...base, text };
    }],
    [3, () => ({ text: random.pick(hostileShapes)(random), operation: 'query', variables: [] })],
  ]);
}

/**
 * One small operation per root query and mutation field, for warming the server up before the answer budget applies:
 * the first call of some fields (a compliance report, a deep audit verification) pays seconds of start-up work once.
 */
function rootFieldDocuments(random, context) {
  const documents = [];
  for (const [keyword, root] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]]) {
    for (const field of Object.values(root.getFields())) {
      const args = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: ${literalOf(arg.type, random, context)}`);
      const named = getNamedType(field.type);
      const selection = isLeafType(named) ? '' : ` ${selectionSet(named, random, context, 2, { fields: 12 }, [])}`;
      documents.push(`${keyword} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`);
    }
  }
  return documents;
}

module.exports = { schema, fuzzDocument, validOperation, literalOf, fuzzId, rootFieldDocuments };
