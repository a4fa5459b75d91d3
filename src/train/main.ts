// `npm run train`: learns the models in src/core/models from ../shared, deterministically.
//   npm run train                       both models, weights written to src/core/models/*.json
//   npm run train -- --cv 5             also 5-fold cross-validated scores on the training data
//   npm run train -- --only attribution (or checkworthiness)
//   npm run train -- --shared DIR       where the corpora are (default ../shared)
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { trainAttributionModel } from './attribution';
import { trainCheckworthinessModel } from './checkworthiness';

export interface TrainContext {
  shared: string;
  /** Number of cross-validation folds; 0 for none. */
  cv: number;
  log: (line: string) => void;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { cv: { type: 'string', default: '0' }, only: { type: 'string' }, shared: { type: 'string', default: '../shared' } },
  });
  const shared = resolve(values.shared);
  if (!existsSync(shared)) {
    console.error(`npm run train: the corpora are not here: ${shared} does not exist (pass --shared DIR).`);
    process.exit(2);
  }
  const cv = Number(values.cv);
  if (!Number.isInteger(cv) || cv < 0 || cv === 1) {
    console.error('npm run train: --cv takes a whole number of folds (2 or more), or 0 for none.');
    process.exit(2);
  }
  const context: TrainContext = { shared, cv, log: (line) => console.log(line) };
  const started = Date.now();
  if (!values.only || values.only === 'attribution') await trainAttributionModel(context);
  if (!values.only || values.only === 'checkworthiness') await trainCheckworthinessModel(context);
  console.log(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
