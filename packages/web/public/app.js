// Foundation page: log in, then list organisations, licences and products in your scope.
const $ = (s) => document.querySelector(s);
let current = 'organizations';
const columns = {
  organizations: [['name', '名称'], ['type', '类型'], ['regionCode', '区划'], ['creditCode', '信用代码'], ['gln', 'GLN']],
  licenses: [['organizationName', '持证单位'], ['kind', '类别'], ['number', '编号'], ['validTo', '有效期止'], ['effectiveStatus', '状态']],
  products: [['name', '产品'], ['model', '型号'], ['registrationNumber', '注册证'], ['holderName', '注册人'], ['di', 'DI']],
};
async function api(path, init) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { 'content-type': 'application/json' }, ...init });
  const body = res.status === 204 ? null : await res.json();
  if (!res.ok) throw body;
  return body;
}
async function load() {
  const f = new FormData($('#filter'));
  const params = new URLSearchParams({ pageSize: '50' });
  for (const [k, v] of f) if (v) params.set(k, v);
  try {
    const { items, total } = await api(`/api/${current}?${params}`);
    $('#total').textContent = `共 ${total} 条`;
    const cols = columns[current];
    $('#list').innerHTML = `<thead><tr>${cols.map(([, h]) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${items.map((r) => `<tr>${cols.map(([k]) => `<td>${String(r[k] ?? '').replace(/</g, '&lt;')}</td>`).join('')}</tr>`).join('')}</tbody>`;
  } catch (p) {
    $('#total').textContent = p.title ?? 'error';
    $('#list').innerHTML = '';
  }
}
$('#login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  try {
    const r = await api('/api/auth/login', { method: 'POST', body: JSON.stringify({ username: f.get('username'), password: f.get('password') }) });
    $('#login').hidden = true;
    $('#session').hidden = false;
    $('#who').textContent = `${r.user.displayName} · ${r.user.organizationName ?? ''}${r.previousLogin ? ` · 上次登录 ${r.previousLogin.at}` : ''}`;
    load();
  } catch (p) {
    $('#message').textContent = `${p.title ?? ''} ${p.detail ?? ''}`;
  }
});
document.querySelectorAll('[data-list]').forEach((a) => a.addEventListener('click', (e) => { e.preventDefault(); current = a.dataset.list; load(); }));
$('#filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
$('#logout').addEventListener('click', async () => { await api('/api/auth/logout', { method: 'POST' }); location.reload(); });
