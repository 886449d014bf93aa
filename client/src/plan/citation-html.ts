import { safeHref } from '@sua-sandbox/rules/model';

/** Escapes text for HTML content and attribute values. */
export function escHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A citation for the exported HTML report: a link when its URL is https, else the label as plain text,
 * so a javascript: or data: URL that bypassed the schema can never become a clickable href.
 */
export function citationHtml(url: string, label: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escHtml(href)}" rel="noopener noreferrer">${escHtml(label)}</a>` : escHtml(label);
}
