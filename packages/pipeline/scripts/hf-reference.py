"""Makes the independent reference for the checkpoint reader and the ONNX exporter: a tiny GPT-2
written by Hugging Face transformers' own `save_pretrained`, with its logits and greedy tokens.

Run where PyTorch and transformers are installed (it was run on the project's GPU lease machine,
on CPU in float32, because PyPI is unreachable here):
    OUT=/some/dir python3 packages/pipeline/scripts/hf-reference.py
The outputs are committed under datasets/fixtures/hf-tiny-gpt2/ and read by
packages/pipeline/test/hf-reference.test.ts.
"""
import json
import os

import torch
import transformers
from transformers import GPT2Config, GPT2LMHeadModel

out = os.path.join(os.environ["OUT"], "hf-tiny-gpt2")
torch.manual_seed(20261126)
cfg = GPT2Config(
    vocab_size=300, n_positions=128, n_embd=64, n_layer=2, n_head=4,
    bos_token_id=1, eos_token_id=2, pad_token_id=0,
)
model = GPT2LMHeadModel(cfg).eval()
# Default init (std 0.02) gives near-flat logits; widen weights so the greedy path is decisive.
with torch.no_grad():
    for name, p in model.named_parameters():
        if "ln_" not in name:
            p.mul_(10.0)
model.save_pretrained(out, safe_serialization=True)

ids = torch.tensor([[5, 17, 42, 99, 3, 250, 7, 8, 120, 64]])
with torch.no_grad():
    logits = model(ids).logits[0]
    greedy = model.generate(ids, max_new_tokens=32, do_sample=False, min_new_tokens=32,
                            pad_token_id=0, eos_token_id=None)
ref = {
    "torch": torch.__version__,
    "transformers": transformers.__version__,
    "input_ids": ids[0].tolist(),
    "logits": [[round(float(v), 7) for v in row] for row in logits],
    "greedy": greedy[0].tolist(),
}
with open(os.path.join(out, "reference.json"), "w") as f:
    json.dump(ref, f)
print("wrote", sorted(os.listdir(out)), "torch", torch.__version__, "transformers", transformers.__version__)
