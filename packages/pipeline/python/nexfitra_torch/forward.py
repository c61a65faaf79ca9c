"""Parity helper: `python -m nexfitra_torch.forward --checkpoint DIR --tokens T.safetensors --out O.safetensors`.

Reads token ids `tokens` [B, L] and a loss mask `mask` [B, L-1] (float32 tensors in a safetensors
file), runs the checkpoint's GPT-2 on tokens[:, :-1] and writes `logits` [B, L-1, vocab] and
`loss` [1] (the masked loss of train.py) to the output file."""

import argparse

import torch

from .model import masked_loss
from .safetensors_io import read_safetensors, write_safetensors
from .train import load_model_dir


def main():
    p = argparse.ArgumentParser(prog="python -m nexfitra_torch.forward")
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--tokens", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    _, model = load_model_dir(args.checkpoint, "cpu")
    t, _ = read_safetensors(args.tokens)
    tokens = t["tokens"].round().to(torch.int64)
    with torch.no_grad():
        logits = model.forward(tokens[:, :-1])
        loss = masked_loss(model, tokens, t["mask"])
    write_safetensors(args.out, {"logits": logits, "loss": loss.reshape(1)})


if __name__ == "__main__":
    main()
