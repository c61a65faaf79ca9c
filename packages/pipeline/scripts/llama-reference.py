"""Independent reference for the llama family: a tiny llama checkpoint in the HF layout and its
logits, computed by a PyTorch forward written here from the semantics of Hugging Face's
`modeling_llama.py` (LlamaRMSNorm, LlamaRotaryEmbedding + apply_rotary_pos_emb with rotate_half,
repeat_kv for grouped key/value heads, SiLU-gated MLP, untied lm_head), not by @nexfitra/pipeline.
HF transformers is not installable here (no PyPI); Debian's python3-torch is.

Run:  OUT=datasets/fixtures /usr/bin/python3 packages/pipeline/scripts/llama-reference.py
Writes OUT/torch-tiny-llama/{config.json, model.safetensors, reference.json}; read by
packages/pipeline/test/llama.test.ts.
"""
import json
import math
import os
import struct

import torch

out = os.path.join(os.environ["OUT"], "torch-tiny-llama")
os.makedirs(out, exist_ok=True)
torch.manual_seed(20261129)
cfg = dict(
    architectures=["LlamaForCausalLM"], model_type="llama", vocab_size=96, hidden_size=32,
    intermediate_size=56, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
    head_dim=8, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=10000.0,
    hidden_act="silu", attention_bias=False, mlp_bias=False, tie_word_embeddings=False,
    rope_scaling=None, bos_token_id=1, eos_token_id=2, pad_token_id=0, torch_dtype="float32",
)
D, I, L = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
H, KV, HD, V = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"], cfg["vocab_size"]

# HF state-dict names of LlamaForCausalLM, nn.Linear weights [out, in]. Wide random weights
# (std 0.3, norms around 1) so that logits differ clearly between tokens.
w = {"model.embed_tokens.weight": torch.randn(V, D)}
for i in range(L):
    p = f"model.layers.{i}."
    w[p + "input_layernorm.weight"] = 1 + 0.2 * torch.randn(D)
    w[p + "self_attn.q_proj.weight"] = 0.3 * torch.randn(H * HD, D)
    w[p + "self_attn.k_proj.weight"] = 0.3 * torch.randn(KV * HD, D)
    w[p + "self_attn.v_proj.weight"] = 0.3 * torch.randn(KV * HD, D)
    w[p + "self_attn.o_proj.weight"] = 0.3 * torch.randn(D, H * HD)
    w[p + "post_attention_layernorm.weight"] = 1 + 0.2 * torch.randn(D)
    w[p + "mlp.gate_proj.weight"] = 0.3 * torch.randn(I, D)
    w[p + "mlp.up_proj.weight"] = 0.3 * torch.randn(I, D)
    w[p + "mlp.down_proj.weight"] = 0.3 * torch.randn(D, I)
w["model.norm.weight"] = 1 + 0.2 * torch.randn(D)
w["lm_head.weight"] = 0.3 * torch.randn(V, D)


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def forward(ids, mask):
    """ids, mask: [B, S] (mask 1 = token, 0 = padding); positions = cumsum(mask) - 1 as HF generate."""
    B, S = ids.shape
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    inv_freq = 1.0 / (cfg["rope_theta"] ** (torch.arange(0, HD, 2, dtype=torch.float32) / HD))
    freqs = pos[..., None].float() * inv_freq  # [B, S, HD/2]
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos()[:, None], emb.sin()[:, None]  # [B, 1, S, HD]
    causal = torch.tril(torch.ones(S, S, dtype=torch.bool))
    allowed = causal[None, None] & mask[:, None, None, :].bool()
    x = w["model.embed_tokens.weight"][ids]
    for i in range(L):
        p = f"model.layers.{i}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], cfg["rms_norm_eps"])
        q = (h @ w[p + "self_attn.q_proj.weight"].T).view(B, S, H, HD).transpose(1, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).view(B, S, KV, HD).transpose(1, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).view(B, S, KV, HD).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        # repeat_kv: kv head j serves query heads j*n_rep .. (j+1)*n_rep - 1.
        k = k.repeat_interleave(H // KV, dim=1)
        v = v.repeat_interleave(H // KV, dim=1)
        scores = (q @ k.transpose(2, 3)) / math.sqrt(HD)
        scores = scores.masked_fill(~allowed, torch.finfo(torch.float32).min)
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, H * HD)
        x = x + ctx @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], cfg["rms_norm_eps"])
        gate = torch.nn.functional.silu(h @ w[p + "mlp.gate_proj.weight"].T)
        x = x + (gate * (h @ w[p + "mlp.up_proj.weight"].T)) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], cfg["rms_norm_eps"])
    return x @ w["lm_head.weight"].T


def save_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name in sorted(tensors):
        b = tensors[name].contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


with torch.no_grad():
    prompt = torch.tensor([[1, 17, 42, 5, 88, 23, 60, 9, 71, 33]])
    logits = forward(prompt, torch.ones_like(prompt))[0]
    # A left-padded batch: row 1 is row 0's last 6 tokens after 4 pads.
    batch = torch.tensor([[1, 17, 42, 5, 88, 23, 60, 9, 71, 33], [0, 0, 0, 0, 88, 23, 60, 9, 71, 33]])
    bmask = torch.tensor([[1] * 10, [0] * 4 + [1] * 6])
    blogits = forward(batch, bmask)
    greedy = prompt[0].tolist()
    for _ in range(24):
        ids = torch.tensor([greedy])
        greedy.append(int(forward(ids, torch.ones_like(ids))[0, -1].argmax()))

with open(os.path.join(out, "config.json"), "w") as f:
    json.dump(cfg, f, indent=2)
save_safetensors(os.path.join(out, "model.safetensors"), w)
r7 = lambda t: [[round(float(v), 6) for v in row] for row in t]
with open(os.path.join(out, "reference.json"), "w") as f:
    json.dump({
        "torch": torch.__version__,
        "input_ids": prompt[0].tolist(),
        "logits": r7(logits),
        "padded_batch": batch.tolist(),
        "padded_mask": bmask.tolist(),
        "padded_logits_row1": r7(blogits[1, 4:]),
        "greedy": greedy,
    }, f)
print("wrote", out, "max |logit|", float(logits.abs().max()))
