// The few actions the model page offers: request a promotion, approve or reject one, set an alias. They call the same
// mutations every client calls; the registry decides. The page shows a control only when `Model.viewerCan` says the
// caller's role allows it, and shows the typed payload errors (SELF_APPROVAL, POLICY_CHECK_FAILED, …) in plain words.
import { AuthenticationError, query } from './graphql.js';
import { h, words } from './dom.js';

const ERRORS = '{ code message field }';

const REQUEST_PROMOTION = `
  mutation RequestPromotion($input: PromoteModelVersionInput!) {
    promoteModelVersion(input: $input) { promotionRequest { id status } modelVersion { number stage } errors ${ERRORS} }
  }`;

const APPROVE = `
  mutation ApprovePromotion($input: ApprovePromotionInput!) {
    approvePromotion(input: $input) { promotionRequest { id status } errors ${ERRORS} }
  }`;

const REJECT = `
  mutation RejectPromotion($input: RejectPromotionInput!) {
    rejectPromotion(input: $input) { promotionRequest { id status } errors ${ERRORS} }
  }`;

const SET_ALIAS = `
  mutation SetAlias($input: SetModelAliasInput!) {
    setModelAlias(input: $input) { model { id } errors ${ERRORS} }
  }`;

/** A refusal in words a reader acts on; the registry's own message follows where it adds the specifics. */
export function refusalInWords(error) {
  switch (error.code) {
    case 'SELF_APPROVAL':
      return 'You cannot approve or reject a promotion you requested yourself. Another approver has to decide it.';
    case 'FORBIDDEN':
      return `Your role does not allow this. ${error.message}`;
    case 'UNAUTHENTICATED':
      return 'Sign in with an API key to do this.';
    case 'ALREADY_DECIDED':
      return 'This request has already been decided, or you have already given your decision. Reload to see where it stands.';
    case 'POLICY_CHECK_FAILED':
      return `The promotion policy's checks did not pass, so nothing changed. ${error.message}`;
    case 'INVALID_TRANSITION':
      return `A version cannot move that way. ${error.message}`;
    case 'STATE_MISMATCH':
      return 'The version changed since this page read it. The page has been refreshed; check it and try again.';
    case 'NOT_FOUND':
      return 'It no longer exists, or you may no longer see it. Reload the page.';
    case 'AUDIT_CHAIN_TAMPERED':
      return 'The registry is refusing every change because its audit trail failed verification. Tell your registry administrator.';
    case 'VALIDATION_FAILED':
      return error.message;
    default:
      return error.message || `The registry refused the change (${error.code}).`;
  }
}

/**
 * Runs a mutation for a form: the answer's payload errors become a message in words, a thrown error too. `messages`
 * keeps the outcome by form id, so it survives the page redrawing itself.
 */
async function run(page, formId, document, input, payloadName, success) {
  page.messages.set(formId, { kind: 'busy', text: 'Saving…' });
  page.redraw();
  try {
    const data = await query(document, { input });
    const payload = data[payloadName];
    if (payload.errors?.length) {
      page.messages.set(formId, { kind: 'error', code: payload.errors[0].code, text: payload.errors.map(refusalInWords).join(' ') });
      if (payload.errors.some((e) => e.code === 'STATE_MISMATCH')) page.reload();
      page.redraw();
      return;
    }
    page.messages.set(formId, { kind: 'ok', text: success(payload) });
    page.clear(formId);
    page.reload();
  } catch (error) {
    if (error instanceof AuthenticationError) {
      page.onAuthenticationError(error);
      return;
    }
    page.messages.set(formId, { kind: 'error', text: error.message });
  }
  page.redraw();
}

/** The outcome of a form's last submission, as a status line. */
function outcome(page, formId) {
  const message = page.messages.get(formId);
  if (!message) return null;
  return h('p', {
    id: `${formId}-outcome`,
    class: `form-outcome form-${message.kind}`,
    role: message.kind === 'error' ? 'alert' : 'status',
    'data-code': message.code ?? null,
  }, message.text);
}

function keepOpen(page, detailsId, ...children) {
  const details = h('details', { class: 'action', id: detailsId, open: page.open.has(detailsId) || page.messages.has(`${detailsId}-form`) }, ...children);
  details.addEventListener('toggle', () => (details.open ? page.open.add(detailsId) : page.open.delete(detailsId)));
  return details;
}

/** "Request a promotion" for one version: target stage and reason. */
export function promotionControl(page, version) {
  if (!page.can.requestPromotion || !version.nextStages.length) return null;
  const id = `promote-${version.number}`;
  const formId = `${id}-form`;
  const stage = h('select', { id: `${id}-stage`, name: 'targetStage', 'data-keep': true, required: true },
    version.nextStages.map((s) => h('option', { value: s }, words(s))));
  const reason = h('input', { id: `${id}-reason`, name: 'reason', type: 'text', 'data-keep': true, required: true, maxlength: 1000,
    placeholder: 'For example: passed the bias review' });
  const submit = h('button', { type: 'submit', class: 'button', disabled: page.messages.get(formId)?.kind === 'busy' }, 'Request promotion');
  const form = h('form', { class: 'action-form', id: formId, 'aria-label': `Request a promotion of version ${version.number}` },
    h('div', { class: 'form-row' },
      h('label', { for: stage.id }, 'Move to'), stage),
    h('div', { class: 'form-row form-row-wide' },
      h('label', { for: reason.id }, 'Reason'), reason),
    submit,
    outcome(page, formId));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      page.messages.set(formId, { kind: 'error', text: 'Say why: the reason goes into the audit trail.' });
      page.redraw();
      return;
    }
    run(page, formId, REQUEST_PROMOTION, { modelVersionId: version.id, targetStage: stage.value, reason: text }, 'promoteModelVersion',
      (p) => (p.promotionRequest?.status === 'APPLIED' || p.modelVersion?.stage === stage.value
        ? `Done: version ${version.number} is now in ${words(stage.value)}.`
        : `Requested: version ${version.number} moves to ${words(stage.value)} once approvers accept it.`));
  });
  return keepOpen(page, id, h('summary', {}, 'Request a promotion'), form);
}

/** Approve or reject one pending request, with a comment (required to reject). */
export function decisionControl(page, request) {
  if (!page.can.decidePromotions || request.status !== 'PENDING') return null;
  const id = `decide-${request.modelVersion.number}-${request.targetStage.toLowerCase()}-${request.requestedAt.replace(/\D/g, '')}`;
  const formId = `${id}-form`;
  const comment = h('textarea', { id: `${id}-comment`, name: 'comment', rows: 2, 'data-keep': true, maxlength: 2000,
    placeholder: 'What you checked, or why you reject it' });
  const busy = page.messages.get(formId)?.kind === 'busy';
  const approve = h('button', { type: 'submit', class: 'button', value: 'approve', disabled: busy }, 'Approve');
  const reject = h('button', { type: 'submit', class: 'button button-danger', value: 'reject', disabled: busy }, 'Reject');
  const form = h('form', { class: 'action-form decision', id: formId,
    'aria-label': `Decide the request to move version ${request.modelVersion.number} to ${words(request.targetStage)}` },
    h('div', { class: 'form-row form-row-wide' }, h('label', { for: comment.id }, 'Comment'), comment),
    h('div', { class: 'form-buttons' }, approve, reject),
    outcome(page, formId));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = comment.value.trim();
    if (event.submitter?.value === 'reject') {
      if (!text) {
        page.messages.set(formId, { kind: 'error', text: 'Say why you reject it: a rejection needs a comment.' });
        page.redraw();
        return;
      }
      run(page, formId, REJECT, { promotionRequestId: request.id, comment: text }, 'rejectPromotion',
        () => `Rejected: version ${request.modelVersion.number} stays where it is.`);
    } else {
      run(page, formId, APPROVE, { promotionRequestId: request.id, comment: text || null }, 'approvePromotion',
        (p) => (p.promotionRequest.status === 'APPLIED'
          ? `Approved and applied: version ${request.modelVersion.number} is now in ${words(request.targetStage)}.`
          : 'Approved. The request waits for the other approvals its policy needs.'));
    }
  });
  return form;
}

/** "Set an alias": a name and the version it points at. */
export function aliasControl(page, model) {
  const versions = model.versions.nodes.filter((v) => v.stage !== 'ARCHIVED');
  if (!page.can.setAlias || !versions.length) return null;
  const id = 'set-alias';
  const formId = `${id}-form`;
  const name = h('input', { id: `${id}-name`, name: 'alias', type: 'text', 'data-keep': true, required: true,
    pattern: '[a-z0-9][a-z0-9._\\-]*', autocomplete: 'off', spellcheck: 'false', placeholder: 'champion',
    'aria-describedby': `${id}-hint` });
  const version = h('select', { id: `${id}-version`, name: 'version', 'data-keep': true },
    versions.map((v) => h('option', { value: v.id }, `Version ${v.number} (${words(v.stage)})`)));
  const reason = h('input', { id: `${id}-reason`, name: 'reason', type: 'text', 'data-keep': true, maxlength: 1000 });
  const submit = h('button', { type: 'submit', class: 'button', disabled: page.messages.get(formId)?.kind === 'busy' }, 'Set alias');
  const form = h('form', { class: 'action-form', id: formId, 'aria-label': 'Set an alias' },
    h('div', { class: 'form-row' }, h('label', { for: name.id }, 'Alias'), name),
    h('p', { id: `${id}-hint`, class: 'hint' }, 'Lower case letters, digits, “.”, “_” and “-”. Setting an existing alias moves it.'),
    h('div', { class: 'form-row' }, h('label', { for: version.id }, 'Points at'), version),
    h('div', { class: 'form-row form-row-wide' }, h('label', { for: reason.id }, 'Reason (optional)'), reason),
    submit,
    outcome(page, formId));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const alias = name.value.trim();
    if (!alias) return;
    const chosen = versions.find((v) => v.id === version.value);
    run(page, formId, SET_ALIAS, { modelId: model.id, alias, modelVersionId: version.value, reason: reason.value.trim() || null },
      'setModelAlias', () => `Alias “${alias}” now points at version ${chosen?.number}.`);
  });
  return keepOpen(page, id, h('summary', {}, 'Set an alias'), form);
}
