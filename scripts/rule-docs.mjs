// Writes docs/rules/<id>.md from the rule registry (the diagnostics' code links open these files).
// Run after changing a rule's description or docs: node scripts/rule-docs.mjs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const out = await build({ entryPoints: ['src/core/rules/index.ts'], bundle: true, write: false, format: 'esm', platform: 'neutral' });
const { RULES } = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
mkdirSync('docs/rules', { recursive: true });
for (const rule of RULES) {
  writeFileSync(
    `docs/rules/${rule.id}.md`,
    `# ${rule.id}\n\n${rule.description}\n\nDefault severity: **${rule.defaultSeverity}**.\n\n${rule.docs}\n\nTurn it off or change its severity in \`.seed-annotator.json\`:\n\n\`\`\`json\n{ "rules": { "${rule.id}": "off" } }\n\`\`\`\n`,
  );
  console.log(`docs/rules/${rule.id}.md`);
}
