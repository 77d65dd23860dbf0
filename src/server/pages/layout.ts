import { escapeHtml } from '../../report/escape.js';

/** The one stylesheet of every page; its hash goes into the Content-Security-Policy. */
export const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"WenQuanYi Micro Hei","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1b1b1b;line-height:1.45}
main{max-width:1200px;margin:0 auto;padding:8px 16px 40px}nav{background:#1f2d3d;padding:8px 16px}nav a{color:#fff;margin-right:16px;text-decoration:none;font-weight:600}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}
td.l,th.l{text-align:left}pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:8px;border-radius:4px;font-family:inherit;font-size:13px;margin:4px 0}pre.rs{background:#f2f0fa}
mark{background:#ffe58a}details{margin:4px 0}summary{cursor:pointer;font-size:13px}.note{color:#555;font-size:13px}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:11px;background:#ddd}.t-REFUSED,.t-DEFLECTED,.t-STATE_NARRATIVE{background:#f6c7c7}.t-ANSWERED{background:#cfe8cf}.t-PARTIAL{background:#fde8b5}
.card{border:1px solid #ddd;border-radius:6px;padding:8px;margin:8px 0;background:#fff}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px}
.filters{font-size:13px;margin:8px 0}.filters label{margin-right:10px}.pager{margin:12px 0;font-size:14px}.pager a,.pager span{margin-right:12px}
.ok{color:#17612b}.err{color:#a11}figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}.arm{color:#6a3d9a;font-size:12px}
form.review label{display:block;margin:8px 0}textarea{width:100%;max-width:640px;font-family:inherit}progress{width:140px}`;

/** Polls the progress endpoint for every running audit on the page; writes text only. */
export const PROGRESS_SCRIPT = `(function(){var els=document.querySelectorAll('[data-progress]');
function tick(){var live=0;for(var i=0;i<els.length;i++){(function(el){if(el.getAttribute('data-status')!=='running')return;live++;
fetch('/api/runs/'+encodeURIComponent(el.getAttribute('data-progress'))+'/progress',{credentials:'same-origin'}).then(function(r){return r.json();}).then(function(p){
el.querySelector('.stored').textContent=String(p.stored);el.querySelector('.planned').textContent=String(p.planned);
var bar=el.querySelector('progress');if(bar){bar.max=Math.max(p.planned,1);bar.value=Math.min(p.stored,bar.max);}
el.setAttribute('data-status',p.status);var st=el.querySelector('.status');if(st)st.textContent=p.status;}).catch(function(){});})(els[i]);}
if(live>0)setTimeout(tick,2000);}
setTimeout(tick,1000);})();`;

export const STYLES: readonly string[] = [STYLE];
export const SCRIPTS: readonly string[] = [PROGRESS_SCRIPT];

/** A whole page: one stylesheet, the navigation, and the progress script when `progress` is set. */
export function page(title: string, body: string, opts: { progress?: boolean } = {}): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Candor</title>
<style>${STYLE}</style></head>
<body><nav><a href="/">Runs</a><a href="/compare">Compare</a></nav>
<main>
${body}
</main>${opts.progress ? `<script>${PROGRESS_SCRIPT}</script>` : ''}
</body></html>
`;
}

/** `/a/b?x=1` from path segments and query pairs, every piece URI-encoded (hrefs never carry raw stored text). */
export function href(segments: readonly (string | number)[], query: Readonly<Record<string, string | number | readonly string[] | undefined>> = {}): string {
  const path = '/' + segments.map((s) => encodeURIComponent(String(s))).join('/');
  const q = Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]).map((x) => [k, x] as const))
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return escapeHtml(q ? `${path}?${q}` : path);
}

/** A link whose target comes from {@link href} and whose text is escaped. */
export const link = (hrefValue: string, text: string): string => `<a href="${hrefValue}">${escapeHtml(text)}</a>`;

/** The error page body for 4xx answers. */
export function errorPage(status: number, message: string): string {
  return page(`${status}`, `<h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">All runs</a></p>`);
}
