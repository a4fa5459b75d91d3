// The sourcing report (pure: builds the HTML string; the CLI writes it, the extension shows it in a webview).
export { buildReportHtml, REPORT_LIMITS, type ReportOptions } from './html';
export { folderStats, quoteShares, skippedReason, type FolderStats, type ArticleRow, type DuplicatePair } from './stats';
export { escapeHtml } from './escape';
