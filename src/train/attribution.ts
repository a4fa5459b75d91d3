import type { TrainContext } from './main';

export async function trainAttributionModel(context: TrainContext): Promise<void> {
  context.log('attribution: not trained yet');
}
