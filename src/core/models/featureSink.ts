// Where a candidate's features go. Training lists them by name; at run time they go straight into the model's score,
// so that the thousands of feature names an article has are never built: a name is looked up by its parts ("verb="
// and a stem), each part a FeatureName (the code's names, and each word's names, see WordKeys) or a string whose hash
// the engine keeps. One feature code path serves both, so the two cannot drift apart.

import type { FeatureVector, HiddenLayer, LinearModel } from './linear';
import { hiddenInputs, hiddenOutput, weightMap } from './linear';

export interface FeatureSink {
  /** The feature `name`; value 1 for a binary feature. */
  add(name: string | FeatureName, value?: number): void;
  /** The feature named `family + key` ("verb=" + a stem). */
  addKey(family: string | FeatureName, key: string | FeatureName, value?: number): void;
  /** The same sink with every feature name after `prefix` ("L:", "none:"). */
  scoped(prefix: string | FeatureName): FeatureSink;
}

/** The text of a name's part. */
const textOf = (part: string | FeatureName): string => (typeof part === 'string' ? part : part.text);

/**
 * A name, family or prefix written in the code ("bias", "verb=", "L:"), or a word's key (see WordKeys). A model's
 * score finds the node it leads to from the last two nodes it was asked under by identity, without looking the string
 * up again: most of a candidate's names are these, and each is asked for thousands of times an article.
 */
export class FeatureName {
  // Two remembered (node, child) pairs, as fields rather than arrays: the check runs for most features of every
  // candidate. The older pair makes way for a new one.
  private underA: WeightNode | null = null;
  private foundA: WeightNode | null = null;
  private underB: WeightNode | null = null;
  private foundB: WeightNode | null = null;
  private replaceB = false;
  constructor(readonly text: string) {}

  /** tree.child(node, this.text), remembered for the last two nodes ('L:' and 'R:' of the quote model). */
  childOf(tree: WeightTree, node: WeightNode): WeightNode {
    if (node === this.underA) return this.foundA!;
    if (node === this.underB) return this.foundB!;
    const child = tree.child(node, this.text);
    if (this.replaceB) {
      this.underB = node;
      this.foundB = child;
    } else {
      this.underA = node;
      this.foundA = child;
    }
    this.replaceB = !this.replaceB;
    return child;
  }
}

/** How many FeatureLabels there are: the next one's index. */
let labelsMade = 0;

/**
 * A value of a closed set written in the code (a count's bucket, a cue level, a mention's shape). One label serves
 * many families ("cueR:" + "hi", "subj:" + "hi"), where a FeatureName's two remembered nodes would keep making way for
 * each other: a node keeps its labelled children by the label's index instead.
 */
export class FeatureLabel extends FeatureName {
  readonly index = labelsMade++;

  override childOf(tree: WeightTree, node: WeightNode): WeightNode {
    return node.labelled?.[this.index] ?? tree.labelChild(node, this);
  }
}

/** FeatureLabels by their text: `LABELS.hi`. */
export function featureLabels<T extends string>(...texts: T[]): Record<T, FeatureLabel> {
  const labels = {} as Record<T, FeatureLabel>;
  for (const text of texts) labels[text] = new FeatureLabel(text);
  return labels;
}

/** FeatureNames by their text, for a module's features: `NAMES.bias`, `NAMES['verb=']`. */
export function featureNames<T extends string>(...texts: T[]): Record<T, FeatureName> {
  const names = {} as Record<T, FeatureName>;
  for (const text of texts) names[text] = new FeatureName(text);
  return names;
}

/** A sink for one candidate: its features as a list, or its score under a model (see featureSink). */
export interface CandidateSink extends FeatureSink {
  /** The features listed; empty when they went into the score instead. */
  readonly features: FeatureVector;
  /** The model's score, equal to linearScore over the listed features; undefined for a list. */
  readonly score: number | undefined;
}

/** The features as a list of [name, value], in the order they were found (what training reads). */
export class FeatureList implements CandidateSink {
  readonly score = undefined;
  constructor(
    readonly features: FeatureVector = [],
    private readonly prefix = '',
  ) {}

  add(name: string | FeatureName, value = 1): void {
    this.features.push([this.prefix + textOf(name), value]);
  }

  addKey(family: string | FeatureName, key: string | FeatureName, value = 1): void {
    this.features.push([this.prefix + textOf(family) + textOf(key), value]);
  }

  scoped(prefix: string | FeatureName): FeatureSink {
    return new FeatureList(this.features, this.prefix + textOf(prefix));
  }
}

/** A name's part, reached from the parts before it: the weight of the name they make, if the model has one. */
export interface WeightNode {
  name: string;
  weight: number | undefined;
  /** The name's weights into the model's hidden units, if it feeds them. */
  hidden: Float64Array | undefined;
  next: Map<string, WeightNode> | undefined;
  /** The children under FeatureLabels, by the label's index. */
  labelled: WeightNode[] | undefined;
}

/** Bound on the remembered names per model: an article brings an open vocabulary of stems and words. */
const MAX_NODES = 200_000;

/**
 * A model's weights by the parts of a name, remembered as names are asked for: the weight of `name + part` is looked
 * up in the model once, then found from `name`'s node by `part` alone.
 */
export class WeightTree {
  root: WeightNode = { name: '', weight: undefined, hidden: undefined, next: undefined, labelled: undefined };
  private size = 0;
  constructor(
    private readonly weights: Map<string, number>,
    private readonly hidden: Map<string, Float64Array> | null = null,
  ) {}

  /** The node of `part` under `node`: by identity for a FeatureName, else by the string. */
  under(node: WeightNode, part: string | FeatureName): WeightNode {
    return typeof part === 'string' ? this.child(node, part) : part.childOf(this, node);
  }

  child(node: WeightNode, part: string): WeightNode {
    let next = node.next;
    if (!next) node.next = next = new Map();
    let found = next.get(part);
    if (!found) {
      if (++this.size > MAX_NODES) {
        // Start afresh; nodes still held stay correct (a weight never changes), only unremembered.
        this.size = 0;
        this.root = { name: '', weight: undefined, hidden: undefined, next: undefined, labelled: undefined };
      }
      const name = node.name + part;
      found = { name, weight: this.weights.get(name), hidden: this.hidden?.get(name), next: undefined, labelled: undefined };
      next.set(part, found);
    }
    return found;
  }

  /** The child of `label` under `node`, kept in the node's labelled children. */
  labelChild(node: WeightNode, label: FeatureLabel): WeightNode {
    const child = this.child(node, label.text);
    (node.labelled ??= [])[label.index] = child;
    return child;
  }
}

const trees = new WeakMap<LinearModel, WeightTree>();
function treeOf(model: LinearModel): WeightTree {
  let tree = trees.get(model);
  if (!tree) trees.set(model, (tree = new WeightTree(weightMap(model), model.hidden ? hiddenInputs(model.hidden) : null)));
  return tree;
}

/** What a candidate scored straight into its model lists: nothing (shared, and frozen so that nothing is added). */
const NO_FEATURES = Object.freeze([]) as unknown as FeatureVector;

/**
 * A candidate's score under a model, summed as its features arrive: the same terms in the same order as linearScore
 * over the list, so the same number to the last bit.
 */
export class ModelScore implements CandidateSink {
  readonly features = NO_FEATURES;
  readonly tree: WeightTree;
  private readonly node: WeightNode;
  // The sum so far, declared a number (not left undefined until the constructor) so that the engine keeps it in place:
  // a field first undefined holds each new sum in a new heap number, one per feature.
  private z = 0;
  private readonly layer: HiddenLayer | undefined;
  /**
   * Each hidden unit's summed input so far (null without a hidden layer). A plain array: one is made per candidate,
   * and a typed array costs several times as much to make.
   */
  private readonly activation: number[] | null;

  constructor(model: LinearModel) {
    this.tree = treeOf(model);
    this.node = this.tree.root;
    this.z = model.bias;
    this.layer = model.hidden;
    this.activation = model.hidden ? model.hidden.bias.slice() : null;
  }

  get score(): number {
    const z = this.layer ? this.z + hiddenOutput(this.layer, this.activation!) : this.z;
    return Number.isFinite(z) ? z : 0;
  }

  /** Adds the weight of the name `node`'s name + `part`, `value` times. */
  addUnder(node: WeightNode, part: string | FeatureName, value: number): void {
    if (!Number.isFinite(value)) return;
    const found = this.tree.under(node, part);
    const w = found.weight;
    if (w !== undefined) this.z += w * value;
    const row = found.hidden;
    if (row) {
      const activation = this.activation!;
      for (let j = 0; j < row.length; j++) activation[j] += value * row[j];
    }
  }

  add(name: string | FeatureName, value = 1): void {
    this.addUnder(this.node, name, value);
  }

  addKey(family: string | FeatureName, key: string | FeatureName, value = 1): void {
    this.addUnder(this.tree.under(this.node, family), key, value);
  }

  scoped(prefix: string | FeatureName): FeatureSink {
    return new ScopedScore(this, this.tree.under(this.node, prefix));
  }
}

/** A candidate's score under a prefix ("L:"): names are looked up from the prefix's node. */
class ScopedScore implements FeatureSink {
  constructor(
    private readonly score: ModelScore,
    private readonly node: WeightNode,
  ) {}

  add(name: string | FeatureName, value = 1): void {
    this.score.addUnder(this.node, name, value);
  }

  addKey(family: string | FeatureName, key: string | FeatureName, value = 1): void {
    this.score.addUnder(this.score.tree.under(this.node, family), key, value);
  }

  scoped(prefix: string | FeatureName): FeatureSink {
    return new ScopedScore(this.score, this.score.tree.under(this.node, prefix));
  }
}

/** A sink for one candidate: straight into `model`'s score when given one, else a list. */
export function candidateSink(model: LinearModel | undefined): CandidateSink {
  return model ? new ModelScore(model) : new FeatureList();
}
