/**
 * The paper's 2-D MNIST network: four 3×3 convolutions and two fully connected
 * layers with batch normalization and PReLU, ending in a 2-D feature.
 * Widths follow the reference run (../shared/spec/reference-training.md).
 */
export interface Architecture {
  /** Output channels of the four 3×3 convolutions (a 2×2 max-pool follows the 2nd and 4th). */
  readonly conv: readonly [number, number, number, number];
  /** Width of the hidden fully connected layer. */
  readonly hidden: number;
  /** Dimension of the feature the loss head sees. */
  readonly featureDim: number;
}

/**
 * 32·32·64·64 convolutions, FC 128, 2-D features: 467,428 trainable parameters before
 * the head (the reference's 467,748 less the 320 biases batch norm cancels).
 */
export const PAPER_ARCHITECTURE: Architecture = { conv: [32, 32, 64, 64], hidden: 128, featureDim: 2 };

/**
 * The paper's layout at a fifteenth of its multiply–accumulates: 8·8·16·16 convolutions, FC 64 (54,748
 * parameters, 1.24 M multiply–accumulates per digit against 18.7 M). On wasm it trains
 * about 6× faster than the paper network, so Fig. 2 forms in minutes on a CPU.
 */
export const LITE_ARCHITECTURE: Architecture = { conv: [8, 8, 16, 16], hidden: 64, featureDim: 2 };

/** The networks a run can train, by the name the URL and the command line use. */
export const NETWORKS = { paper: PAPER_ARCHITECTURE, lite: LITE_ARCHITECTURE } as const satisfies Record<
  string,
  Architecture
>;

/** A network's name. */
export type NetworkId = keyof typeof NETWORKS;

/** A network's widths as the UI writes them: "8·8·16·16, FC 64". */
export function networkWidths(id: NetworkId): string {
  return `${NETWORKS[id].conv.join('·')}, FC ${NETWORKS[id].hidden}`;
}

/** Image side and the side after the two 2×2 pools. */
export const IMAGE_SIDE = 28;
const POOLED_SIDE = IMAGE_SIDE / 4;

/** One parameter tensor of the backbone: its name, shape and how it is initialised. */
export interface BackboneParam {
  readonly name: string;
  readonly shape: readonly number[];
  /** 'uniform': U(±1/√fanIn), PyTorch's default for kernels and biases; 'zeros'; 'ones'; 'prelu': 0.25 as in PyTorch. */
  readonly init: 'uniform' | 'zeros' | 'ones' | 'prelu';
  /** Only conv/FC kernels carry weight decay (not biases, BN or PReLU). */
  readonly decay: boolean;
  readonly fanIn: number;
}

/**
 * A layer followed by batch norm has no bias: batch norm subtracts it again, so its
 * gradient is float noise that Adam would turn into lr-sized steps, a random walk the
 * running means chase (the eval-mode features drifted 1e-2 from the reference in 8 steps).
 */
function layerParams(prefix: string, kernel: number[], fanIn: number, out: number, bn: boolean): BackboneParam[] {
  const specs: BackboneParam[] = [{ name: `${prefix}.w`, shape: kernel, init: 'uniform', decay: true, fanIn }];
  if (bn) {
    specs.push({ name: `${prefix}.bn.gamma`, shape: [out], init: 'ones', decay: false, fanIn });
    specs.push({ name: `${prefix}.bn.beta`, shape: [out], init: 'zeros', decay: false, fanIn });
  } else {
    specs.push({ name: `${prefix}.b`, shape: [out], init: 'uniform', decay: false, fanIn });
  }
  specs.push({ name: `${prefix}.prelu`, shape: [out], init: 'prelu', decay: false, fanIn });
  return specs;
}

/** Every trainable backbone parameter, in forward order. */
export function backboneParams(a: Architecture): BackboneParam[] {
  const [c1, c2, c3, c4] = a.conv;
  const flat = POOLED_SIDE * POOLED_SIDE * c4;
  return [
    ...layerParams('conv1', [3, 3, 1, c1], 9, c1, true),
    ...layerParams('conv2', [3, 3, c1, c2], 9 * c1, c2, true),
    ...layerParams('conv3', [3, 3, c2, c3], 9 * c2, c3, true),
    ...layerParams('conv4', [3, 3, c3, c4], 9 * c3, c4, true),
    ...layerParams('fc1', [flat, a.hidden], flat, a.hidden, true),
    ...layerParams('fc2', [a.hidden, a.featureDim], a.hidden, a.featureDim, false),
  ];
}

/** The keys of a normalized layer's running mean and variance among the backbone's values (and in run files). */
export function runningStatKeys(layer: string): { mean: string; variance: string } {
  return { mean: `${layer}.bn.mean`, variance: `${layer}.bn.var` };
}

/** Names of the batch-normalized layers, their widths and the keys of their running statistics. */
export function normalizedLayers(
  a: Architecture,
): { name: string; width: number; stats: { mean: string; variance: string } }[] {
  const [c1, c2, c3, c4] = a.conv;
  const layer = (name: string, width: number) => ({ name, width, stats: runningStatKeys(name) });
  return [layer('conv1', c1), layer('conv2', c2), layer('conv3', c3), layer('conv4', c4), layer('fc1', a.hidden)];
}
