'use strict';

// What no answer may show, whatever was sent: a 5xx, INTERNAL_SERVER_ERROR, the text of an exception or of a library
// below us, or a wait past the answer budget.

const answerBudgetMs = 2_000;

// Operations that read the whole audit log (a compliance report verifies the chain it cites; verifyAuditTrail walks it)
// cost time that grows with the log, which this suite itself fills; under a loaded CI machine they legitimately take
// longer than a hostile document may. They get a wider budget; every other answer keeps the 2 s one.
const wholeLogOperation = /\b(complianceReport|verifyAuditTrail)\b/;
const wholeLogBudgetMs = 10_000;

/** The answer budget for a request or frame whose text is `text`. */
function budgetFor(text) {
  return wholeLogOperation.test(text ?? '') ? wholeLogBudgetMs : answerBudgetMs;
}

/** Text that only an unhandled failure or a leaked library message puts in an answer. */
const leakMarkers = ['INTERNAL_SERVER_ERROR', 'Exception', '   at ', 'System.', 'Microsoft.', 'IDX1', 'Npgsql', 'SQLite Error'];

function leaksIn(text) {
  return leakMarkers.filter((marker) => text.includes(marker));
}

/** WebSocket close codes the server may send of its own accord (docs/transports.md and RFC 6455 protocol errors). */
const documentedCloseCodes = new Set([1000, 1001, 1002, 1003, 1007, 1008, 1009, 4400, 4401, 4403, 4406, 4408, 4409, 4413, 4429]);

/**
 * Problems with one HTTP answer (empty when it is fine). When the client closed its sending side before its body was
 * complete, Kestrel takes the request as abandoned and may send nothing: a missing answer is then the client's doing,
 * but any answer that does come is judged. The same holds for an event stream whose headers went out before Kestrel
 * noticed the half-close: it may end without an event, and everything it did send is still judged.
 */
function judgeHttp(response, request) {
  const problems = [];
  if (request.halfClose && response.status === null) return problems;
  if (request.mayReset && response.status === null && /ECONNRESET|EPIPE/.test(response.error ?? '')) return problems;
  if (response.error) problems.push(response.error);
  if (response.status === null) {
    problems.push('the connection ended without an HTTP answer');
  } else if (response.status >= 500) {
    problems.push(`HTTP ${response.status}`);
  }
  const budget = budgetFor(`${request.url ?? ''} ${request.path ?? ''} ${request.body?.toString('utf8') ?? ''}`);
  if (response.ms > budget) problems.push(`answered after ${Math.round(response.ms)} ms (budget ${budget} ms)`);
  const isStream = /^text\/event-stream/i.test(response.headers['content-type'] ?? '');
  if (isStream && response.status === 200 && !request.quiet && !request.halfClose && !/(^|\n)event: (next|complete)/.test(response.body)) {
    problems.push('the event stream ended without an event');
  }
  const headerText = Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`).join('\n');
  for (const marker of leaksIn(`${headerText}\n${response.body}`)) problems.push(`the answer contains "${marker}"`);
  return problems;
}

/** Problems with one WebSocket exchange. */
function judgeWebSocket(outcome) {
  const problems = [...outcome.problems];
  if (outcome.httpStatus >= 500) problems.push(`the upgrade was answered with HTTP ${outcome.httpStatus}`);
  if (outcome.serverClose && !documentedCloseCodes.has(outcome.serverClose.code)) {
    problems.push(`the server closed with ${outcome.serverClose.code} "${outcome.serverClose.reason}", not a documented code`);
  }
  const seen = [...outcome.messages, outcome.serverClose?.reason ?? '', outcome.httpBody ?? ''].join('\n');
  for (const marker of leaksIn(seen)) problems.push(`a message or close reason contains "${marker}"`);
  return problems;
}

module.exports = { judgeHttp, judgeWebSocket, answerBudgetMs, budgetFor, leakMarkers };
