/** A readable, self-contained API page rendered from the OpenAPI document (no CDN, no script). */

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function schemaLabel(schema: unknown): string {
  if (!isObj(schema)) return '';
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? ref;
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if (schema.type === 'array') return `${schemaLabel(schema.items)}[]`;
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf))
    return ((schema.anyOf ?? schema.oneOf) as unknown[]).map(schemaLabel).join(' | ');
  if (typeof schema.type === 'string') return esc(schema.type);
  return 'object';
}

function json(v: unknown): string {
  return `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;
}

function operationHtml(method: string, path: string, op: Obj): string {
  const params = Array.isArray(op.parameters) ? (op.parameters as Obj[]) : [];
  const body = isObj(op.requestBody) && isObj(op.requestBody.content) ? op.requestBody.content : undefined;
  const responses = isObj(op.responses) ? op.responses : {};
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td>${schemaLabel(p.schema)}</td><td>${esc((isObj(p.schema) && p.schema.description) || p.description || '')}</td></tr>`,
    )
    .join('');
  return `<section class="op" id="${esc(op.operationId)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${rows ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th></th></tr>${rows}</table>` : ''}
${
  body
    ? `<p><b>Body</b>: ${Object.entries(body)
        .map(([ct, c]) => `<code>${esc(ct)}</code> ${isObj(c) ? schemaLabel(c.schema) : ''}`)
        .join('; ')}</p>`
    : ''
}
<p><b>Responses</b>: ${Object.entries(responses)
    .map(([code, r]) => {
      const content = isObj(r) && isObj(r.content) ? Object.values(r.content)[0] : undefined;
      return `<code>${esc(code)}</code> ${esc(isObj(r) ? r.description : '')}${isObj(content) ? ` (${schemaLabel(content.schema)})` : ''}`;
    })
    .join(' · ')}</p>
</section>`;
}

export function renderDocsPage(doc: Obj): string {
  const info = isObj(doc.info) ? doc.info : {};
  const paths = isObj(doc.paths) ? doc.paths : {};
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!isObj(op)) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
    }
  }
  const schemas = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
  const toc = [...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)} ${esc(info.version)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
code,pre{font:13px ui-monospace,monospace}pre{background:#f4f5f7;padding:.6rem;overflow:auto;max-height:30rem}
.op{border-top:1px solid #dde;padding:.4rem 0}.m{display:inline-block;min-width:4rem;padding:0 .3rem;border-radius:3px;color:#fff;font-size:12px;text-align:center}
.get{background:#2b7a3d}.post{background:#1f5fa8}.put{background:#a86a1f}.delete{background:#a8321f}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #dde;padding:2px 6px;text-align:left}.d{color:#445}
</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Sections: ${toc} · <a href="#schemas">schemas</a></p>
${[...byTag.entries()].map(([t, ops]) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${ops.join('\n')}`).join('\n')}
<h2 id="schemas">Schemas</h2>
${Object.entries(schemas)
  .map(
    ([name, s]) => `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code></summary>${json(s)}</details>`,
  )
  .join('\n')}
</body></html>`;
}
