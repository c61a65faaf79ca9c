"""The shared token file (`.nftok`, written once by the TypeScript side, see
src/train/tokenFile.ts) and the batch order and padding of the TypeScript trainer
(src/train/examples.ts), reproduced exactly so both engines see the same batches.

Layout, little-endian: 8 bytes magic b"NFTOK\\x00\\x00\\x01", uint32 header length H, H bytes of
JSON {"version", "count", "tokens", "dtype": "uint16"|"int32", "sections": {name: [offset,
bytes]}} padded with spaces so the data starts at a multiple of 8; then the sections, offsets
relative to the data start: "offsets" uint64[count + 1] (token index of each example),
"plan_start" uint32[count] (index within the example of its first plan token), "weight"
float32[count], "tokens" dtype[tokens]."""

import json
import struct

import torch

MAGIC = b"NFTOK\x00\x00\x01"


class TokenFile:
    """Examples of one split: `ids(i)` (int64 tensor), `plan_start[i]`, `weight[i]`."""

    def __init__(self, path):
        with open(path, "rb") as f:
            raw = bytearray(f.read())
        if raw[:8] != MAGIC:
            raise ValueError(f"{path}: not a NexFitra token file (magic {bytes(raw[:8])!r})")
        (n,) = struct.unpack("<I", raw[8:12])
        header = json.loads(raw[12 : 12 + n].decode("utf-8"))
        if header.get("version") != 1:
            raise ValueError(f"{path}: token file version {header.get('version')}; this trainer reads version 1")
        base = 12 + n
        count = header["count"]
        sec = header["sections"]

        def section(name, dtype, length):
            off, size = sec[name]
            if length == 0:
                return torch.empty(0, dtype=dtype)
            return torch.frombuffer(raw, dtype=dtype, count=length, offset=base + off)

        self.count = count
        offsets = section("offsets", torch.int64, count + 1).clone()
        self.plan_start = section("plan_start", torch.int32, count).tolist()
        self.weight = section("weight", torch.float32, count).tolist()
        total = header["tokens"]
        if header["dtype"] == "uint16":
            tokens = section("tokens", torch.int16, total).to(torch.int64) & 0xFFFF
        elif header["dtype"] == "int32":
            tokens = section("tokens", torch.int32, total).to(torch.int64)
        else:
            raise ValueError(f"{path}: token dtype {header['dtype']}; uint16 or int32 allowed")
        self._tokens = tokens
        self._offsets = offsets.tolist()

    def __len__(self):
        return self.count

    def length(self, i):
        return self._offsets[i + 1] - self._offsets[i]

    def ids(self, i):
        return self._tokens[self._offsets[i] : self._offsets[i + 1]]


_M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & _M32


def mulberry32(seed):
    """mulberry32 (Tommy Ettinger's public-domain generator), bit-identical to the TypeScript
    one: uniform floats in [0, 1) from 32-bit integer arithmetic."""
    state = [seed & _M32]

    def rand():
        a = (state[0] + 0x6D2B79F5) & _M32
        state[0] = a
        t = a
        t = _imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + _imul(t ^ (t >> 7), t | 61)) & _M32)) & _M32
        return ((t ^ (t >> 14)) & _M32) / 4294967296

    return rand


def batch_indices(step, batch_size, n, seed):
    """Example indices of optimizer step `step`, exactly as batchIndices in examples.ts: epoch
    e = floor(step·B / n) visits the examples in a Fisher–Yates order seeded by (seed, e)."""
    per_epoch = max(1, n // batch_size)
    epoch = step // per_epoch
    k = step % per_epoch
    order = _epoch_order(n, seed, epoch)
    return order[k * batch_size : min(n, (k + 1) * batch_size)]


_ORDERS = {}


def _epoch_order(n, seed, epoch):
    """The Fisher–Yates order of one epoch, computed once per epoch (a pure-Python shuffle of
    every example each step is slower than a GPU step)."""
    key = (n, seed, epoch)
    order = _ORDERS.get(key)
    if order is None:
        rand = mulberry32((seed ^ _imul(epoch + 1, 0x9E3779B1)) & _M32)
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = int(rand() * (i + 1))
            order[i], order[j] = order[j], order[i]
        _ORDERS.clear()
        _ORDERS[key] = order
    return order


def pad_batch(data, indices, pad_id):
    """Right-pads the examples to the longest (at least 2 tokens); the loss mask weights
    position t by the row's weight when token t + 1 is a plan token or the final <eos>, as
    padBatch in examples.ts. Returns (tokens [B, L] int64, mask [B, L-1] float32, input tokens)."""
    length = max([2] + [data.length(i) for i in indices])
    b = len(indices)
    tokens = torch.full((b, length), pad_id, dtype=torch.int64)
    mask = torch.zeros((b, length - 1), dtype=torch.float32)
    input_tokens = 0
    for r, i in enumerate(indices):
        ids = data.ids(i)
        n = ids.shape[0]
        tokens[r, :n] = ids
        start = max(0, data.plan_start[i] - 1)
        if n - 1 > start:
            mask[r, start : n - 1] = data.weight[i]
        input_tokens += n - 1
    return tokens, mask, input_tokens
