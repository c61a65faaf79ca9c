"""Reads and writes safetensors files (Hugging Face safetensors documentation, "Format"): an
8-byte little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets}}, then
the raw little-endian tensor bytes. F32 is written; F32/F16/BF16/F64 are read."""

import json
import struct

import torch

_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64}


def read_safetensors(path):
    """Returns (tensors: dict name -> float32 tensor, metadata: dict) in file order."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f"{path}: shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError(f"{path}: header length {n} runs past the end of the file")
    header = json.loads(raw[8 : 8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {}) or {}
    buf = bytearray(raw[8 + n :])
    out = {}
    for name, e in header.items():
        dtype = _DTYPES.get(e["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor {name} has dtype {e['dtype']}; F32, F16, BF16 or F64 allowed")
        begin, end = e["data_offsets"]
        count = 1
        for s in e["shape"]:
            count *= s
        width = torch.tensor([], dtype=dtype).element_size()
        if end - begin != count * width:
            raise ValueError(f"{path}: tensor {name} spans {end - begin} bytes, shape {e['shape']} needs {count * width}")
        t = torch.frombuffer(buf, dtype=dtype, count=count, offset=begin) if count > 0 else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(e["shape"]).to(torch.float32).clone()
    return out, meta


def write_safetensors(path, tensors, metadata=None):
    """Writes float32 `tensors` (dict, in its order) with the header padded to 8 bytes, as the
    reference writer and the TypeScript encoder do."""
    header = {"__metadata__": metadata or {"format": "pt"}}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        data = t.detach().to("cpu", torch.float32).contiguous().numpy().tobytes() if _has_numpy() else _bytes(t)
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":"))
    while (8 + len(text.encode("utf-8"))) % 8 != 0:
        text += " "
    head = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


_NUMPY = None


def _has_numpy():
    global _NUMPY
    if _NUMPY is None:
        try:
            import numpy  # noqa: F401  (optional: torch's .numpy() needs it)

            _NUMPY = True
        except ImportError:
            _NUMPY = False
    return _NUMPY


def _bytes(t):
    """float32 little-endian bytes without numpy: a uint8 view of the tensor's storage."""
    flat = t.detach().to("cpu", torch.float32).contiguous().reshape(-1)
    return bytes(flat.view(torch.uint8).tolist())
