"""The torch training engine: `python -m nexfitra_torch.train --data D --config C --hyper H --run R`.

The same run as trainModel in src/train/trainer.ts: AdamW (decay on matrices only), linear
warm-up + cosine decay, clipping by global norm, loss masked to the plan part, validation every
`evalEvery` steps, loss.csv, and a checkpoint in the same files (config.json,
generation_config.json, model.safetensors with `transformer.` HF names, optimizer.safetensors with
m.<name>/v.<name>, trainer_state.json), so a run started by one engine resumes in the other and
the exporter reads it unchanged. Batches come from the same seeded order (data.batch_indices).
A config.json with model_type "llama" trains the llama family (llama.py; HF LlamaForCausalLM
names, `model.` prefix) with the same loop.

Several processes (the TypeScript launcher's `nproc`, or `torchrun --nproc_per_node N -m
nexfitra_torch.train …`, one per GPU, or several machines; they read RANK, WORLD_SIZE,
LOCAL_RANK, MASTER_ADDR/PORT): each takes every N-th example of the step's batch, the masked-loss numerator
and denominator and the gradients are summed over processes, so the update is the one a single
process would make on the whole batch (data parallelism, as torch DistributedDataParallel);
rank 0 writes the checkpoint, loss.csv and the progress.

Protocol (rank 0): one JSON object per stdout line, {"event": "start"|"progress"|"done", ...}; a
failure prints {"event": "error", "code", "path", "value", "allowed"} and exits with 3.
"""

import argparse
import json
import math
import os
import shutil
import signal
import sys
import time

import torch

from . import llama
from .data import TokenFile, batch_indices, pad_batch
from .model import Gpt2, from_hf_names, masked_loss, masked_nll_sum
from .safetensors_io import read_safetensors, write_safetensors

CSV_HEADER = "step,lr,loss,val_loss,grad_norm,tokens_per_s,elapsed_s\n"


class TrainError(Exception):
    """A typed failure, reported as NexFitraError fields."""

    def __init__(self, code, path, value, allowed):
        super().__init__(f"{'.'.join(map(str, path))}: {value!r}; allowed: {allowed}")
        self.fields = {"code": code, "path": path, "value": value, "allowed": allowed}


_RANK = 0
# Set by SIGINT/SIGTERM: the run stops after the step in progress, with a checkpoint (a signal
# in the middle of an update must not save half-updated weights).
_INTERRUPTED = [False]


def _interrupt(signum, frame):
    if _INTERRUPTED[0]:
        raise KeyboardInterrupt  # a second signal: stop now, the last checkpoint stays
    _INTERRUPTED[0] = True


def emit(event, **fields):
    if _RANK != 0 or _STDOUT_GONE[0]:
        return
    try:
        sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        # The launcher is gone (killed): train on to the next stop and checkpoint all the same.
        _STDOUT_GONE[0] = True


_STDOUT_GONE = [False]


def lr_at(step, peak, low, warmup, total):
    """Linear warm-up to `peak`, then half-cosine to `low` at `total` (lrAt in schedule.ts;
    Loshchilov & Hutter 2017, "SGDR", eq. 5 without restarts)."""
    if step < warmup:
        return peak * (step + 1) / warmup
    if step >= total:
        return low
    span = max(1, total - warmup)
    progress = (step - warmup) / span
    return low + 0.5 * (peak - low) * (1 + math.cos(math.pi * progress))


class AdamW:
    """AdamW (Loshchilov & Hutter 2019, Algorithm 2) in torch.optim.AdamW's form, as adamw.ts:
    p ← p·(1 − lr·λ) for parameters of rank ≥ 2, then p ← p − lr·m̂/(√v̂ + ε)."""

    def __init__(self, params, beta1, beta2, eps, weight_decay):
        self.params = params
        self.beta1, self.beta2, self.eps, self.wd = beta1, beta2, eps, weight_decay
        self.t = 0
        self.m = {k: torch.zeros_like(p) for k, p in params.items()}
        self.v = {k: torch.zeros_like(p) for k, p in params.items()}

    @torch.no_grad()
    def step(self, grads, lr):
        self.t += 1
        c1 = 1 - self.beta1**self.t
        c2 = 1 - self.beta2**self.t
        for name, p in self.params.items():
            g = grads.get(name)
            if g is None:
                continue
            m, v = self.m[name], self.v[name]
            m.mul_(self.beta1).add_(g, alpha=1 - self.beta1)
            v.mul_(self.beta2).addcmul_(g, g, value=1 - self.beta2)
            if p.dim() >= 2 and self.wd > 0:
                p.mul_(1 - lr * self.wd)
            p.sub_((m / c1).div_((v / c2).sqrt_().add_(self.eps)).mul_(lr))

    def state(self):
        out = {f"m.{k}": t for k, t in self.m.items()}
        out.update({f"v.{k}": t for k, t in self.v.items()})
        return out

    def load(self, tensors, t):
        for prefix, table in (("m", self.m), ("v", self.v)):
            for name, cur in table.items():
                s = tensors.get(f"{prefix}.{name}")
                if s is None or s.shape != cur.shape:
                    raise TrainError(
                        "BAD_DATA",
                        ["optimizer.safetensors", f"{prefix}.{name}"],
                        None if s is None else list(s.shape),
                        f"a tensor of shape {list(cur.shape)} (the optimizer state of this model)",
                    )
                cur.copy_(s)
        self.t = t


def clip_by_global_norm(grads, max_norm):
    """Scales the gradients to global L2 norm ≤ max_norm (Pascanu et al. 2013, §3.2); returns the
    norm before clipping (clipByGlobalNorm in adamw.ts)."""
    norm = float(torch.sqrt(sum((g * g).sum() for g in grads.values())))
    if norm > max_norm:
        scale = max_norm / (norm + 1e-6)
        for g in grads.values():
            g.mul_(scale)
    return norm


def generation_config(config):
    out = {"bos_token_id": config["bos_token_id"], "eos_token_id": config["eos_token_id"]}
    if config.get("pad_token_id") is not None:
        out["pad_token_id"] = config["pad_token_id"]
    out["transformers_version"] = config.get("transformers_version", "4.46.0")
    return out


def save_checkpoint(run_dir, config, model, opt, state, name="checkpoint"):
    """Writes <name>.tmp then swaps it in whole, so a run killed mid-save keeps the last one."""
    tmp = os.path.join(run_dir, name + ".tmp")
    final = os.path.join(run_dir, name)
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    with open(os.path.join(tmp, "config.json"), "w") as f:
        f.write(json.dumps(config, indent=2) + "\n")
    with open(os.path.join(tmp, "generation_config.json"), "w") as f:
        f.write(json.dumps(generation_config(config), indent=2) + "\n")
    named = (
        llama.to_hf_names(model.params)
        if llama.is_llama(config)
        else {"transformer." + k: p for k, p in model.params.items()}
    )
    write_safetensors(os.path.join(tmp, "model.safetensors"), named)
    write_safetensors(os.path.join(tmp, "optimizer.safetensors"), opt.state(), {"format": "nexfitra-adamw"})
    with open(os.path.join(tmp, "trainer_state.json"), "w") as f:
        f.write(json.dumps({**state, "adamT": opt.t}, indent=2) + "\n")
    shutil.rmtree(final, ignore_errors=True)
    os.rename(tmp, final)


@torch.no_grad()
def evaluate(model, batches):
    total = 0.0
    weight = 0.0
    for tokens, mask, _ in batches:
        w = float(mask.sum())
        if w == 0:
            continue
        total += float(masked_loss(model, tokens, mask)) * w
        weight += w
    return float("nan") if weight == 0 else total / weight


def load_model_dir(path, device):
    with open(os.path.join(path, "config.json")) as f:
        config = json.load(f)
    tensors, _ = read_safetensors(os.path.join(path, "model.safetensors"))
    if llama.is_llama(config):
        return config, llama.Llama(config, llama.from_hf_names(tensors, config), device)
    return config, Gpt2(config, from_hf_names(tensors), device)


def run(args):
    with open(args.config) as f:
        config = json.load(f)
    with open(args.hyper) as f:
        hyper = json.load(f)
    global _RANK
    device = torch.device(args.device)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    dist = None
    if world > 1:
        import torch.distributed as dist

        if device.type == "cuda":
            device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
            torch.cuda.set_device(device)
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        _RANK = rank
    if device.type == "cuda":
        # TF32 tensor cores for fp32 matrix products on a GPU (10-bit mantissa in the products,
        # fp32 accumulation): the usual setting for training; the CPU path stays exact fp32.
        torch.backends.cuda.matmul.allow_tf32 = True
    torch.manual_seed(hyper["seed"])
    train = TokenFile(os.path.join(args.data, "train.nftok"))
    val = TokenFile(os.path.join(args.data, "val.nftok"))
    bs = hyper["batchSize"]
    if bs < world:
        raise TrainError("OUT_OF_RANGE", ["hyper", "batchSize"], bs, f"at least one example per process ({world} processes)")
    pad = config.get("pad_token_id")
    pad = config["eos_token_id"] if pad is None else pad
    os.makedirs(args.run, exist_ok=True)
    ckpt = os.path.join(args.run, "checkpoint")
    start = 0
    state_path = os.path.join(ckpt, "trainer_state.json")
    if args.resume and os.path.exists(state_path):
        with open(state_path) as f:
            state = json.load(f)
        saved_config, model = load_model_dir(ckpt, device)
        if state["hyper"] != hyper:
            raise TrainError("INCONSISTENT", ["hyper"], state["hyper"], f"what the checkpoint in {ckpt} was trained with (or --no-resume to start over)")
        if _shape_fields(saved_config) != _shape_fields(config):
            raise TrainError("INCONSISTENT", ["config"], saved_config, f"what the checkpoint in {ckpt} was trained with (or --no-resume to start over)")
        if state["trainExamples"] != len(train):
            raise TrainError("INCONSISTENT", ["train"], state["trainExamples"], f"what the checkpoint in {ckpt} was trained with (or --no-resume to start over)")
        a = hyper["adamw"]
        opt = AdamW(model.params, a["beta1"], a["beta2"], a["eps"], a["weightDecay"])
        tensors, _ = read_safetensors(os.path.join(ckpt, "optimizer.safetensors"))
        opt.load({k: t.to(device) for k, t in tensors.items()}, state["adamT"])
        start = state["step"]
    else:
        if not args.init:
            raise TrainError("INCONSISTENT", ["init"], None, "a folder with the initial config.json + model.safetensors (the TypeScript launcher writes one)")
        _, model = load_model_dir(args.init, device)
        a = hyper["adamw"]
        opt = AdamW(model.params, a["beta1"], a["beta2"], a["eps"], a["weightDecay"])
        if rank == 0:
            with open(os.path.join(args.run, "loss.csv"), "w") as f:
                f.write(CSV_HEADER)
    n_val = math.ceil(len(val) / bs) if hyper["evalBatches"] == 0 else hyper["evalBatches"]
    val_batches = []
    for i in range(n_val):
        if i * bs >= len(val):
            break
        t, m, n = pad_batch(val, list(range(i * bs, min(len(val), (i + 1) * bs))), pad)
        val_batches.append((t.to(device), m.to(device), n))
    steps = hyper["steps"]
    end = min(steps, args.stop_at_step if args.stop_at_step is not None else steps)
    emit("start", step=start, steps=steps, threads=torch.get_num_threads(), device=str(device), torch=torch.__version__)
    t0 = time.perf_counter()
    last_save = t0
    tokens_seen = 0
    step = start
    losses = []
    val_losses = []
    best_val = [math.inf]
    names = list(model.params)

    def save():
        nonlocal last_save
        if rank == 0:
            save_checkpoint(args.run, config, model, opt, {"step": step, "hyper": hyper, "trainExamples": len(train)})
        if dist is not None:
            dist.barrier()
        last_save = time.perf_counter()

    def all_sum(values):
        """Sums floats over processes (a no-op with one)."""
        if dist is None:
            return values
        t = torch.tensor(values, dtype=torch.float64, device=device)
        dist.all_reduce(t)
        return t.tolist()

    csv = open(os.path.join(args.run, "loss.csv"), "a") if rank == 0 else None
    try:
        while step < end:
            indices = batch_indices(step, bs, len(train), hyper["seed"])[rank::world]
            tokens, mask, n_in = pad_batch(train, indices, pad)
            tokens, mask = tokens.to(device), mask.to(device)
            lr = lr_at(step, hyper["lr"], hyper["minLr"], hyper["warmupSteps"], steps)
            for p in model.params.values():
                p.grad = None
            nll_sum, weight = masked_nll_sum(model, tokens, mask)
            if dist is None:
                loss_t = nll_sum / torch.clamp(weight, min=1.0)
                loss_t.backward()
                loss = float(loss_t)
            else:
                total_weight, _ = all_sum([float(weight), 0.0])
                (nll_sum / max(total_weight, 1.0)).backward()
                for p in model.params.values():
                    dist.all_reduce(p.grad)
                loss_sum, n_in = all_sum([float(nll_sum), float(n_in)])
                loss = loss_sum / max(total_weight, 1.0)
                n_in = int(n_in)
            grads = {k: model.params[k].grad for k in names}
            norm = clip_by_global_norm(grads, hyper["clipNorm"])
            opt.step(grads, lr)
            if not math.isfinite(loss):
                raise TrainError("BAD_DATA", ["loss", step], loss, "a finite loss (lower hyper.lr or raise clipping; the last checkpoint is kept)")
            losses.append(loss)
            tokens_seen += n_in
            step += 1
            val_loss = None
            if val_batches and (step % hyper["evalEvery"] == 0 or step == steps):
                val_loss = evaluate(model, val_batches)
                val_losses.append({"step": step, "loss": val_loss})
                if args.keep_best and rank == 0 and val_loss < best_val[0]:
                    best_val[0] = val_loss
                    state = {"step": step, "hyper": hyper, "trainExamples": len(train), "valLoss": val_loss}
                    save_checkpoint(args.run, config, model, opt, state, "best")
            elapsed = time.perf_counter() - t0
            tps = tokens_seen / max(elapsed, 1e-9)
            if csv is not None:
                csv.write(f"{step},{lr!r},{loss!r},{'' if val_loss is None else repr(val_loss)},{norm!r},{tps:.1f},{elapsed:.2f}\n")
                csv.flush()
            progress = {
                "step": step,
                "steps": steps,
                "loss": loss,
                "lr": lr,
                "gradNorm": norm,
                "tokensPerSecond": tps,
                "etaSeconds": (steps - step) * elapsed / max(1, step - start),
            }
            if val_loss is not None:
                progress["valLoss"] = val_loss
            emit("progress", **progress)
            due = (args.checkpoint_every is not None and step % args.checkpoint_every == 0) or (
                args.checkpoint_every_s is not None and time.perf_counter() - last_save >= args.checkpoint_every_s
            )
            stop = (args.max_s is not None and time.perf_counter() - t0 >= args.max_s) or _INTERRUPTED[0]
            if dist is not None:
                # Clocks differ between processes: rank 0 decides for all of them.
                flags = torch.tensor([float(due), float(stop)], device=device)
                dist.broadcast(flags, 0)
                due, stop = bool(flags[0]), bool(flags[1])
            if due and step < end:
                save()
            if stop:
                break
        save()
    finally:
        if csv is not None:
            csv.close()
    seconds = time.perf_counter() - t0
    emit(
        "done",
        step=step,
        losses=losses,
        valLosses=val_losses,
        tokensPerSecond=tokens_seen / max(seconds, 1e-9),
        ms=seconds * 1000,
        resumedFrom=start,
    )
    if dist is not None:
        dist.destroy_process_group()


def _shape_fields(c):
    keys = ("model_type", "vocab_size", "n_positions", "n_embd", "n_layer", "n_head", "n_inner", "layer_norm_epsilon")
    keys += ("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads")
    keys += ("head_dim", "max_position_embeddings", "rms_norm_eps", "rope_theta", "tie_word_embeddings")
    return {k: c.get(k) for k in keys}


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m nexfitra_torch.train", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="folder with train.nftok and val.nftok")
    p.add_argument("--config", required=True, help="HF GPT-2 config.json")
    p.add_argument("--hyper", required=True, help="hyper-parameters JSON (TrainHyper of trainer.ts)")
    p.add_argument("--run", required=True, help="run folder: checkpoint/, loss.csv")
    p.add_argument("--init", help="initial checkpoint folder (used when there is none to resume)")
    p.add_argument("--no-resume", dest="resume", action="store_false")
    p.add_argument("--checkpoint-every", type=int)
    p.add_argument("--checkpoint-every-s", type=float)
    p.add_argument("--stop-at-step", type=int)
    p.add_argument("--max-s", type=float)
    p.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0: torch's default)")
    p.add_argument("--device", default="cpu", help="cpu, cuda, cuda:1, …")
    p.add_argument(
        "--keep-best",
        action="store_true",
        help="also keep the checkpoint of the lowest validation loss in <run>/best (an early stop chosen after the run)",
    )
    return p.parse_args(argv)


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        run(args)
    except TrainError as e:
        emit("error", **e.fields)
        sys.exit(3)
    except KeyboardInterrupt:
        sys.stderr.write("nexfitra_torch.train: interrupted; the checkpoint holds the last finished step\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
