import onnxProto from 'onnx-proto';

/** @internal The generated ONNX protobuf namespace (onnx-proto 8.0.1 = ONNX 1.10, IR 8). */
export const { onnx } = onnxProto;

/** @internal ONNX TensorProto.DataType codes used here. */
export const DT = { FLOAT: 1, UINT8: 2, INT8: 3, INT64: 7, BOOL: 9 } as const;

/** An attribute: INT for integers, INTS, STRING, or FLOAT when wrapped as `{ float }`. */
type Attr = number | number[] | string | { readonly float: number };

/** @internal Symbolic or fixed dimensions of a graph input/output. */
export type Dims = readonly (number | string)[];

/**
 * @internal A minimal append-only ONNX graph builder: every node output gets a fresh name
 * unless one is given, initializers carry raw little-endian bytes.
 */
export class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private counter = 0;
  private constants = new Map<string, string>();
  usesMicrosoftDomain = false;

  private fresh(base: string): string {
    this.counter += 1;
    return `/${base}_${this.counter}`;
  }

  initializer(name: string, dataType: number, dims: readonly number[], raw: Uint8Array): string {
    this.initializers.push(onnx.TensorProto.create({ name, dataType, dims: [...dims], rawData: raw }));
    return name;
  }

  floats(name: string, dims: readonly number[], data: Float32Array): string {
    const le = new Uint8Array(data.length * 4);
    const view = new DataView(le.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
    return this.initializer(name, DT.FLOAT, dims, le);
  }

  /** A shared scalar or vector constant (deduplicated by value). */
  constFloat(values: readonly number[], dims: readonly number[] = []): string {
    const key = `f:${dims.join(',')}:${values.join(',')}`;
    const hit = this.constants.get(key);
    if (hit) return hit;
    const name = this.floats(`const_f${this.constants.size}`, dims, Float32Array.from(values));
    this.constants.set(key, name);
    return name;
  }

  constInt64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `i:${dims.join(',')}:${values.join(',')}`;
    const hit = this.constants.get(key);
    if (hit) return hit;
    const le = new Uint8Array(values.length * 8);
    const view = new DataView(le.buffer);
    values.forEach((v, i) => {
      view.setBigInt64(i * 8, BigInt(v), true);
    });
    const name = this.initializer(`const_i${this.constants.size}`, DT.INT64, dims, le);
    this.constants.set(key, name);
    return name;
  }

  /** Appends a node; returns its output names. */
  node(
    opType: string,
    inputs: readonly string[],
    attrs: Readonly<Record<string, Attr>> = {},
    opts: { outputs?: readonly string[]; nOutputs?: number; domain?: string } = {},
  ): string[] {
    const outputs = opts.outputs
      ? [...opts.outputs]
      : Array.from({ length: opts.nOutputs ?? 1 }, () => this.fresh(opType));
    const T = onnx.AttributeProto.AttributeType;
    const attribute = Object.entries(attrs).map(([name, v]) => {
      if (typeof v === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(v) };
      if (Array.isArray(v)) return { name, type: T.INTS, ints: v };
      if (typeof v === 'object') return { name, type: T.FLOAT, f: v.float };
      return { name, type: T.INT, i: v };
    });
    if (opts.domain === 'com.microsoft') this.usesMicrosoftDomain = true;
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: [...inputs],
        output: outputs,
        name: this.fresh(`${opType}_node`).slice(1),
        attribute,
        ...(opts.domain ? { domain: opts.domain } : {}),
      }),
    );
    return outputs;
  }

  /** Single-output convenience. */
  op(
    opType: string,
    inputs: readonly string[],
    attrs: Readonly<Record<string, Attr>> = {},
    domain?: string,
  ): string {
    return this.node(opType, inputs, attrs, domain ? { domain } : {})[0]!;
  }

  private valueInfo(name: string, elemType: number, dims: Dims) {
    return onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
        },
      },
    });
  }

  input(name: string, elemType: number, dims: Dims): string {
    this.inputs.push(this.valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: number, dims: Dims): void {
    this.outputs.push(this.valueInfo(name, elemType, dims));
  }

  /** Serialises the model: IR 8, opset 17 (+ com.microsoft 1 when a contrib op is used). */
  encode(graphName: string, docString: string): Uint8Array {
    const opsetImport = [{ domain: '', version: 17 }];
    if (this.usesMicrosoftDomain) opsetImport.push({ domain: 'com.microsoft', version: 1 });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: '@nexfitra/pipeline',
      producerVersion: '0.0.0',
      docString,
      opsetImport,
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
