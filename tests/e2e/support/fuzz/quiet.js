'use strict';

const { parse, validate } = require('graphql');
const { schema } = require('./documents');

/**
 * True when `text` is a valid subscription: the server then answers only when an event happens, so neither a socket
 * nor an event stream owes an answer within the budget (it owes only the stream's headers).
 */
function isQuietSubscription(text) {
  // Large documents here are the hostile shapes, which the server refuses (an answer); validating them locally would
  // cost graphql-js the very time they are built to cost. Only the document's structure counts: a long string
  // argument (a 4,000-character environment name) costs graphql-js nothing and leaves a valid, quiet subscription.
  if (typeof text !== 'string' || text.replace(/"(?:[^"\\]|\\.)*"/g, '""').length > 4_000) return false;
  try {
    // graphql-js refuses a lone surrogate escape in a string, which the server's parser reads; the string's content
    // does not decide whether the document is a subscription, so it is neutralised here.
    const document = parse(text.replace(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g, '\\u0041'));
    return validate(schema, document).length === 0
      && document.definitions.filter((d) => d.kind === 'OperationDefinition').every((d) => d.operation === 'subscription');
  } catch {
    return false;
  }
}

module.exports = { isQuietSubscription };
