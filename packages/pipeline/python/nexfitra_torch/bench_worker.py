"""Benchmark helper: `python -m nexfitra_torch.bench_worker --vocab V --layers L --embd D --len T`.

Builds a GPT-2 of that shape (n_head 4, 1,024 positions, N(0, 0.02²) matrices) and a fixed batch
(ids 4 + (i·7919 mod (V − 4)), as bench/engines.bench.ts builds it for TF.js), prints "ready",
then does one training step (masked loss, backward, clipping, AdamW, as train.py) for every line
read from stdin and answers "done" — so a benchmark times the steps without the start-up."""

import argparse
import sys

import torch

from .model import Gpt2, masked_loss, weight_shapes
from .train import AdamW, clip_by_global_norm


def main():
    p = argparse.ArgumentParser(prog="python -m nexfitra_torch.bench_worker")
    p.add_argument("--vocab", type=int, required=True)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--embd", type=int, default=64)
    p.add_argument("--len", type=int, default=560)
    p.add_argument("--batch", type=int, default=2)
    p.add_argument("--threads", type=int, default=0)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    config = {"vocab_size": a.vocab, "n_positions": 1024, "n_embd": a.embd, "n_layer": a.layers, "n_head": 4}
    g = torch.Generator().manual_seed(1)
    weights = {}
    for name, shape in weight_shapes(config):
        if len(shape) == 1:
            weights[name] = torch.ones(shape) if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name == "ln_f.weight" else torch.zeros(shape)
        else:
            weights[name] = torch.randn(shape, generator=g) * 0.02
    model = Gpt2(config, weights)
    opt = AdamW(model.params, 0.9, 0.95, 1e-8, 0.1)
    n = a.batch * a.len
    tokens = torch.tensor([4 + (i * 7919) % (a.vocab - 4) for i in range(n)], dtype=torch.int64).reshape(a.batch, a.len)
    mask = torch.ones(a.batch, a.len - 1)
    print("ready", flush=True)
    for _ in sys.stdin:
        for t in model.params.values():
            t.grad = None
        masked_loss(model, tokens, mask).backward()
        grads = {k: t.grad for k, t in model.params.items()}
        clip_by_global_norm(grads, 1.0)
        opt.step(grads, 1e-3)
        print("done", flush=True)


if __name__ == "__main__":
    main()
