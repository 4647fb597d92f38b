/**
 * The interface's own text on a page: everything but what is marked as data (`data-content`:
 * organisation and user names as registered) or explicitly tagged as another language (the
 * language switch names 中文 in Chinese, `lang="zh-CN"`). Used by the component and browser tests.
 */
export function interfaceText(root: ParentNode): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.hasAttribute('data-content')) return;
    const lang = el.getAttribute('lang');
    if (lang && !lang.startsWith('en')) return;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) return;
    for (const c of Array.from(el.childNodes)) walk(c);
    for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
      const v = el.getAttribute(attr);
      if (v) parts.push(v);
    }
  };
  for (const c of Array.from(root.childNodes)) walk(c);
  return parts.join(' ');
}
