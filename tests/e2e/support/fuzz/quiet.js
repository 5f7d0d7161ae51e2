'use strict';

const { parse, validate } = require('graphql');
const { schema } = require('./documents');

/**
 * True when `text` is a valid subscription: the server then answers only when an event happens, so neither a socket
 * nor an event stream owes an answer within the budget (it owes only the stream's headers).
 */
function isQuietSubscription(text) {
  // Large documents here are the hostile shapes, which the server refuses (an answer); validating them locally would
  // cost graphql-js the very time they are built to cost.
  if (typeof text !== 'string' || text.length > 4_000) return false;
  try {
    const document = parse(text);
    return validate(schema, document).length === 0
      && document.definitions.filter((d) => d.kind === 'OperationDefinition').every((d) => d.operation === 'subscription');
  } catch {
    return false;
  }
}

module.exports = { isQuietSubscription };
