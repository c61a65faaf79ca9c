"""GPT-2 (Radford et al. 2019) in plain torch, parameters named and laid out as HF's GPT2Model
(Conv1D weights [in, out], y = x·W + b; LM head tied to wte), computing what the TensorFlow.js
model (src/model/gpt2.ts) and the exported ONNX graph compute: pre-LN blocks, causal
self-attention with masked scores at float32's lowest value, GELU in its tanh form."""

import math
import re

import torch
import torch.nn.functional as F

MASKED_SCORE = torch.finfo(torch.float32).min
_BUFFER = re.compile(r"^h\.\d+\.attn\.(bias|masked_bias)$")


def mlp_width(config):
    return config.get("n_inner") or 4 * config["n_embd"]


def weight_shapes(config):
    """(name, shape) of every parameter in HF order, without the `transformer.` prefix."""
    d = config["n_embd"]
    m = mlp_width(config)
    out = [("wte.weight", [config["vocab_size"], d]), ("wpe.weight", [config["n_positions"], d])]
    for i in range(config["n_layer"]):
        p = f"h.{i}."
        out += [
            (p + "ln_1.weight", [d]),
            (p + "ln_1.bias", [d]),
            (p + "attn.c_attn.weight", [d, 3 * d]),
            (p + "attn.c_attn.bias", [3 * d]),
            (p + "attn.c_proj.weight", [d, d]),
            (p + "attn.c_proj.bias", [d]),
            (p + "ln_2.weight", [d]),
            (p + "ln_2.bias", [d]),
            (p + "mlp.c_fc.weight", [d, m]),
            (p + "mlp.c_fc.bias", [m]),
            (p + "mlp.c_proj.weight", [m, d]),
            (p + "mlp.c_proj.bias", [d]),
        ]
    out += [("ln_f.weight", [d]), ("ln_f.bias", [d])]
    return out


def from_hf_names(tensors):
    """Strips `transformer.`, drops the attention buffers older HF versions saved and a tied
    `lm_head.weight`."""
    out = {}
    for raw, t in tensors.items():
        name = raw[len("transformer.") :] if raw.startswith("transformer.") else raw
        if name == "lm_head.weight" or _BUFFER.match(name):
            continue
        out[name] = t
    return out


class Gpt2:
    """Parameters as a dict of leaf tensors (requires_grad) keyed by HF names."""

    def __init__(self, config, weights, device="cpu"):
        self.config = config
        # On a GPU, torch's fused causal attention (flash / memory-efficient kernels): the same
        # softmax(QKᵀ/√d)V without the [S, S] score tensor in memory; on the CPU the explicit
        # form, which the parity tests compare with tfjs and ONNX to 1e-6 (torch < 2.0 has no fused form).
        self.fused_attention = torch.device(device).type == "cuda" and hasattr(F, "scaled_dot_product_attention")
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
        """Logits [B, S, vocab] of token ids [B, S] (positions 0..S-1, no padding mask: padding
        is on the right, so the causal mask keeps real tokens from seeing it)."""
        c = self.config
        w = self.params
        b, s = ids.shape
        d = c["n_embd"]
        h = c["n_head"]
        hd = d // h
        eps = c.get("layer_norm_epsilon", 1e-5)
        pos = torch.arange(s, device=ids.device)
        x = F.embedding(ids, w["wte.weight"]) + F.embedding(pos, w["wpe.weight"])[None]
        causal = torch.ones(s, s, dtype=torch.bool, device=ids.device).tril()
        scale = 1.0 / math.sqrt(hd)
        for i in range(c["n_layer"]):
            p = f"h.{i}."
            a = F.layer_norm(x, (d,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
            qkv = torch.addmm(w[p + "attn.c_attn.bias"], a.reshape(b * s, d), w[p + "attn.c_attn.weight"])
            q, k, v = qkv.reshape(b, s, 3, h, hd).permute(2, 0, 3, 1, 4)
            if self.fused_attention:
                ctx = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(b * s, d)
            else:
                scores = torch.matmul(q, k.transpose(-1, -2)) * scale
                probs = torch.softmax(scores.masked_fill(~causal, MASKED_SCORE), dim=-1)
                ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b * s, d)
            x = x + torch.addmm(w[p + "attn.c_proj.bias"], ctx, w[p + "attn.c_proj.weight"]).reshape(b, s, d)
            m = F.layer_norm(x, (d,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
            f = F.gelu(torch.addmm(w[p + "mlp.c_fc.bias"], m.reshape(b * s, d), w[p + "mlp.c_fc.weight"]), approximate="tanh")
            x = x + torch.addmm(w[p + "mlp.c_proj.bias"], f, w[p + "mlp.c_proj.weight"]).reshape(b, s, d)
        out = F.layer_norm(x, (d,), w["ln_f.weight"], w["ln_f.bias"], eps)
        return torch.matmul(out, w["wte.weight"].t())


def masked_nll_sum(model, tokens, mask):
    """The masked loss's numerator sum(nll·mask) and denominator sum(mask), kept apart so that
    processes of a data-parallel run can sum them before dividing."""
    logits = model.forward(tokens[:, :-1])
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tokens[:, 1:].reshape(-1), reduction="none")
    m = mask.reshape(-1)
    return (nll * m).sum(), m.sum()


def masked_loss(model, tokens, mask):
    """Mean next-token cross-entropy (nats) weighted by `mask` [B, L-1], as languageModelLoss in
    src/model/train.ts: sum(nll·mask) / max(sum(mask), 1)."""
    total, weight = masked_nll_sum(model, tokens, mask)
    return total / torch.clamp(weight, min=1.0)
