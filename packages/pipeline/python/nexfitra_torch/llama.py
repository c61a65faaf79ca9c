"""Llama (Touvron et al. 2023; HF modeling_llama.py) in plain torch, parameters named as HF's
LlamaForCausalLM without the `model.` prefix (nn.Linear weights [out, in], y = x·Wᵀ), computing
what src/model/llama.ts computes: RMSNorm pre-norm blocks, rotary positions in HF's rotate-half
layout (float32 angles), grouped key/value heads, SwiGLU MLP, tied or untied LM head."""

import math
import re

import torch
import torch.nn.functional as F

from .model import MASKED_SCORE

_ROTARY = re.compile(r"^layers\.\d+\.self_attn\.rotary_emb\.inv_freq$")


def is_llama(config):
    return config.get("model_type") == "llama"


def head_dim(config):
    return config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]


def kv_heads(config):
    return config.get("num_key_value_heads") or config["num_attention_heads"]


def tied(config):
    """HF LlamaConfig's default is an untied head."""
    return config.get("tie_word_embeddings") is True


def weight_shapes(c):
    """(name, shape) of every parameter in HF order, without the `model.` prefix."""
    d = c["hidden_size"]
    q = c["num_attention_heads"] * head_dim(c)
    kv = kv_heads(c) * head_dim(c)
    inter = c["intermediate_size"]
    out = [("embed_tokens.weight", [c["vocab_size"], d])]
    for i in range(c["num_hidden_layers"]):
        p = f"layers.{i}."
        out += [
            (p + "input_layernorm.weight", [d]),
            (p + "self_attn.q_proj.weight", [q, d]),
            (p + "self_attn.k_proj.weight", [kv, d]),
            (p + "self_attn.v_proj.weight", [kv, d]),
            (p + "self_attn.o_proj.weight", [d, q]),
            (p + "post_attention_layernorm.weight", [d]),
            (p + "mlp.gate_proj.weight", [inter, d]),
            (p + "mlp.up_proj.weight", [inter, d]),
            (p + "mlp.down_proj.weight", [d, inter]),
        ]
    out.append(("norm.weight", [d]))
    if not tied(c):
        out.append(("lm_head.weight", [c["vocab_size"], d]))
    return out


def from_hf_names(tensors, config):
    """Strips `model.`, drops rotary buffers, and a tied `lm_head.weight`."""
    out = {}
    for raw, t in tensors.items():
        name = raw[len("model.") :] if raw.startswith("model.") else raw
        if _ROTARY.match(name) or (name == "lm_head.weight" and tied(config)):
            continue
        out[name] = t
    return out


def to_hf_names(params):
    return {(k if k == "lm_head.weight" else "model." + k): t for k, t in params.items()}


def _rms(x, w, eps):
    return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def _rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Llama:
    """Parameters as a dict of leaf tensors (requires_grad) keyed by HF names."""

    def __init__(self, config, weights, device="cpu"):
        self.config = config
        self.params = {}
        for name, shape in weight_shapes(config):
            t = weights.get(name)
            if t is None:
                raise ValueError(f"weights lack {name} (shape {shape})")
            if list(t.shape) != shape:
                raise ValueError(f"weights {name} has shape {list(t.shape)}, config needs {shape}")
            self.params[name] = t.detach().to(device, torch.float32).clone().requires_grad_(True)
        extra = set(weights) - set(self.params)
        if extra:
            raise ValueError(f"weights have tensors this config lacks: {sorted(extra)[:3]}")

    def forward(self, ids):
        """Logits [B, S, vocab] of token ids [B, S] at positions 0..S-1 (right padding only)."""
        c = self.config
        w = self.params
        b, s = ids.shape
        h, kvh, hd = c["num_attention_heads"], kv_heads(c), head_dim(c)
        rep = h // kvh
        eps = c.get("rms_norm_eps", 1e-6)
        theta = c.get("rope_theta", 10000.0)
        inv = 1.0 / (theta ** (torch.arange(0, hd, 2, dtype=torch.float32, device=ids.device) / hd))
        angles = torch.arange(s, dtype=torch.float32, device=ids.device)[:, None] * inv[None]
        emb = torch.cat((angles, angles), dim=-1)
        cos, sin = emb.cos()[None, None], emb.sin()[None, None]
        causal = torch.ones(s, s, dtype=torch.bool, device=ids.device).tril()
        scale = 1.0 / math.sqrt(hd)
        x = F.embedding(ids, w["embed_tokens.weight"])
        for i in range(c["num_hidden_layers"]):
            p = f"layers.{i}."
            a = _rms(x, w[p + "input_layernorm.weight"], eps)
            q = F.linear(a, w[p + "self_attn.q_proj.weight"]).reshape(b, s, h, hd).transpose(1, 2)
            k = F.linear(a, w[p + "self_attn.k_proj.weight"]).reshape(b, s, kvh, hd).transpose(1, 2)
            v = F.linear(a, w[p + "self_attn.v_proj.weight"]).reshape(b, s, kvh, hd).transpose(1, 2)
            q = q * cos + _rotate_half(q) * sin
            k = k * cos + _rotate_half(k) * sin
            if rep > 1:
                k = k.repeat_interleave(rep, dim=1)
                v = v.repeat_interleave(rep, dim=1)
            scores = torch.matmul(q, k.transpose(-1, -2)) * scale
            probs = torch.softmax(scores.masked_fill(~causal, MASKED_SCORE), dim=-1)
            ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, s, h * hd)
            x = x + F.linear(ctx, w[p + "self_attn.o_proj.weight"])
            m = _rms(x, w[p + "post_attention_layernorm.weight"], eps)
            x = x + F.linear(F.silu(F.linear(m, w[p + "mlp.gate_proj.weight"])) * F.linear(m, w[p + "mlp.up_proj.weight"]), w[p + "mlp.down_proj.weight"])
        out = _rms(x, w["norm.weight"], eps)
        return F.linear(out, w["embed_tokens.weight"] if tied(c) else w["lm_head.weight"])
