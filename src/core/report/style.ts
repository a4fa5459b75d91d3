// The report's stylesheet and, in a webview, its one script. Colours come from VS Code's theme variables when the page
// is in a webview (--vscode-*), else from the light or dark palette below (prefers-color-scheme).

export const REPORT_CSS = `
:root{--sa-bg:#ffffff;--sa-fg:#1f2328;--sa-muted:#59636e;--sa-line:#d1d9e0;--sa-head:#f6f8fa;--sa-link:#0969da;
--sa-named:#2f6fce;--sa-anonymous:#c4610a;--sa-described:#7d8590;--sa-unattributed:#cf222e;--sa-a:#2f6fce;--sa-empty:#d1d9e0}
@media (prefers-color-scheme: dark){:root{--sa-bg:#0d1117;--sa-fg:#e6edf3;--sa-muted:#9198a1;--sa-line:#3d444d;--sa-head:#161b22;
--sa-link:#4493f8;--sa-named:#4493f8;--sa-anonymous:#e3872d;--sa-described:#9198a1;--sa-unattributed:#f85149;--sa-a:#4493f8;--sa-empty:#3d444d}}
:root{--bg:var(--vscode-editor-background,var(--sa-bg));--fg:var(--vscode-editor-foreground,var(--sa-fg));
--muted:var(--vscode-descriptionForeground,var(--sa-muted));--line:var(--vscode-panel-border,var(--sa-line));
--head:var(--vscode-sideBar-background,var(--sa-head));--link:var(--vscode-textLink-foreground,var(--sa-link));
--named:var(--vscode-charts-blue,var(--sa-named));--anonymous:var(--vscode-charts-orange,var(--sa-anonymous));
--described:var(--vscode-charts-lines,var(--sa-described));--unattributed:var(--vscode-charts-red,var(--sa-unattributed));
--a:var(--vscode-charts-blue,var(--sa-a))}
body{background:var(--bg);color:var(--fg);font-family:var(--vscode-font-family,system-ui,-apple-system,"Segoe UI",sans-serif);
font-size:14px;line-height:1.5;margin:0 auto;max-width:1100px;padding:16px 24px 48px}
a{color:var(--link);text-decoration:none;cursor:pointer}a:hover{text-decoration:underline}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.3em;border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.8em}
h3{font-size:1.05em;margin:1.2em 0 .4em}.muted{color:var(--muted)}.note{color:var(--muted);font-style:italic}
.empty{font-size:1.1em;padding:1em;border:1px solid var(--line);border-radius:6px}
.toc{margin:.5em 0 1em}.figures{display:flex;flex-wrap:wrap;gap:10px}
.figure{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:90px;background:var(--head)}
.figure-value{font-size:1.4em;font-weight:600}.figure-label{color:var(--muted);font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}.num,.articles td+td{text-align:right;font-variant-numeric:tabular-nums}.articles td.muted{text-align:left}
.chart{max-width:100%;height:auto;display:block;margin:.4em 0}.chart text{fill:var(--fg);font-size:12px;font-family:inherit}
.chart .chart-value{fill:var(--muted)}.chart .axis{stroke:var(--line)}.chart a text{fill:var(--link)}
.bar.tone-a{fill:var(--a)}.bar.tone-named{fill:var(--named)}.bar.tone-anonymous{fill:var(--anonymous)}
.bar.tone-described{fill:var(--described)}.bar.tone-unattributed{fill:var(--unattributed)}.bar.tone-empty{fill:var(--line)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}.swatch:first-child{margin-left:0}
.swatch.tone-named{background:var(--named)}.swatch.tone-anonymous{background:var(--anonymous)}.swatch.tone-described{background:var(--described)}
.mark,.tag{font-size:.8em;border:1px solid var(--line);border-radius:10px;padding:0 6px;color:var(--muted);white-space:nowrap}
.mark{border-color:var(--unattributed);color:var(--unattributed)}.status-unattributed{color:var(--unattributed)}
article{border-top:1px solid var(--line);padding-top:.3em}.quotes li{margin:.2em 0}.row-figures{color:var(--muted);margin:.2em 0}
`;

/**
 * In a webview: a click on an article, a quote or a source asks the extension to reveal it (the page's own anchors
 * still scroll). The extension checks what it is sent.
 */
export const WEBVIEW_SCRIPT = `(function(){const vscode=acquireVsCodeApi();document.addEventListener('click',function(e){
const el=e.target instanceof Element?e.target.closest('[data-path],[data-source]'):null;if(!el)return;
if(el.hasAttribute('data-source')){vscode.postMessage({type:'revealSource',id:el.getAttribute('data-source')});return;}
const start=el.getAttribute('data-start');const end=el.getAttribute('data-end');
vscode.postMessage({type:'reveal',path:el.getAttribute('data-path'),start:start===null?undefined:Number(start),end:end===null?undefined:Number(end)});});})();`;
