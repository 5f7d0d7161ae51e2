// Addresses of pages other pages link to: the lineage picture (/ui/lineage?root=&direction=&depth=&relations=&asOf=),
// a consumer application and a compliance report, kept apart so pages can link without loading the graph library.

/** The relations a picture may follow, in the order the controls list them. */
export const RELATIONS = ['TRAINED_ON', 'VALIDATED_ON', 'EVALUATED_ON', 'FINE_TUNED_FROM', 'DERIVED_FROM', 'DEPLOYED_AS', 'CONSUMED_BY'];

/** The directions of a walk, with the words the controls show. */
export const DIRECTIONS = { BOTH: 'Both ways', UPSTREAM: 'Upstream (what it was built from)', DOWNSTREAM: 'Downstream (what it feeds)' };

/** Reads the picture's settings from the address; anything unusable falls back to the API's defaults. */
export function lineageSettings(params) {
  const direction = DIRECTIONS[params.get('direction')] ? params.get('direction') : 'BOTH';
  const depthText = params.get('depth');
  const depth = depthText !== null && /^\d+$/.test(depthText) ? Math.min(10, Number(depthText)) : 3;
  const relations = (params.get('relations') ?? '').split(',').filter((r) => RELATIONS.includes(r));
  const asOfText = params.get('asOf');
  const asOf = asOfText && !Number.isNaN(Date.parse(asOfText)) ? asOfText : null;
  return { root: params.get('root'), direction, depth, relations, asOf };
}

/** The address of a lineage picture. */
export function lineageHref({ root, direction = 'BOTH', depth = 3, relations = [], asOf = null }) {
  const params = new URLSearchParams({ root });
  if (direction !== 'BOTH') params.set('direction', direction);
  if (depth !== 3) params.set('depth', String(depth));
  if (relations.length) params.set('relations', relations.join(','));
  if (asOf) params.set('asOf', asOf);
  return `/ui/lineage?${params}`;
}


/** The page of a consumer application (/ui/consumers/{id}): what it reads and whether any of it drifts. */
export function consumerHref(id) {
  return `/ui/consumers/${encodeURIComponent(id)}`;
}

/** The compliance report page of a model (/ui/models/{name}/report). */
export function reportHref(modelName) {
  return `/ui/models/${encodeURIComponent(modelName)}/report`;
}
