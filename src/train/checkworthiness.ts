import type { TrainContext } from './main';

export async function trainCheckworthinessModel(context: TrainContext): Promise<void> {
  context.log('checkworthiness: not trained yet');
}
