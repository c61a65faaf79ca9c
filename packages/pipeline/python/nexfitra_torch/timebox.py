"""Time-boxed training: `python -m nexfitra_torch.timebox --seconds S [--calib-steps K] -- <train args>`.

For a machine you hold for a fixed time (a rented or lent GPU): runs K optimizer steps in a
scratch copy of the run to measure the step time there, sets `steps` so the real run ends in
about S seconds, and trains. The learning-rate schedule (warm-up + cosine) is then laid over the
whole box and decays to its floor at the end, which a wall-clock stop (`--max-s`) alone would not
do. The hyper-parameters used go to `<dir of --hyper>/hyper.timebox.json` (a resume passes that
file as `--hyper`). `--eval-points N` spreads N validation passes over the run (with
`--keep-best`, the best of them is kept in <run>/best).
"""

import argparse
import json
import os
import shutil
import signal
import sys
import time

from . import train


def measure_step_seconds(args, calib_steps):
    """Seconds per optimizer step of this run on this machine: steps 5..K of a scratch run."""
    calib = argparse.Namespace(**vars(args))
    calib.run = args.run.rstrip("/") + ".calib"
    calib.stop_at_step = calib_steps
    calib.resume = False
    calib.keep_best = False
    calib.checkpoint_every = None
    calib.checkpoint_every_s = None
    calib.max_s = None
    shutil.rmtree(calib.run, ignore_errors=True)
    t0 = time.perf_counter()
    train.run(calib)
    whole = (time.perf_counter() - t0) / calib_steps
    with open(os.path.join(calib.run, "loss.csv")) as f:
        rows = [line.strip().split(",") for line in f.readlines()[1:] if line.strip()]
    shutil.rmtree(calib.run, ignore_errors=True)
    # loss.csv keeps elapsed seconds to 0.01 s: steps 1..K (the first is warm-up) give the step
    # time; when they span under 0.1 s (a tiny model), the whole calibration run's time per step
    # (start-up included, so an over-estimate: the box then ends early rather than late).
    elapsed = {int(r[0]): float(r[-1]) for r in rows}
    span = elapsed[calib_steps] - elapsed[1]
    return span / (calib_steps - 1) if span >= 0.1 else whole


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        sys.stderr.write("usage: python -m nexfitra_torch.timebox --seconds S [--calib-steps K] -- <train args>\n")
        sys.exit(2)
    cut = argv.index("--")
    p = argparse.ArgumentParser(prog="python -m nexfitra_torch.timebox")
    p.add_argument("--seconds", type=float, required=True, help="wall time of the real run")
    p.add_argument("--calib-steps", type=int, default=30)
    p.add_argument("--eval-points", type=int, default=40)
    box = p.parse_args(argv[:cut])
    args = train.parse(argv[cut + 1 :])
    signal.signal(signal.SIGINT, train._interrupt)
    signal.signal(signal.SIGTERM, train._interrupt)
    try:
        per_step = measure_step_seconds(args, box.calib_steps)
        with open(args.hyper) as f:
            hyper = json.load(f)
        # 5 % of the box is left for validation passes and checkpoint writes.
        steps = max(box.calib_steps, int(0.95 * box.seconds / max(per_step, 1e-6)))
        hyper["steps"] = steps
        hyper["evalEvery"] = max(1, steps // box.eval_points)
        hyper["warmupSteps"] = min(hyper["warmupSteps"], max(1, steps // 10))
        path = os.path.join(os.path.dirname(args.hyper), "hyper.timebox.json")
        with open(path, "w") as f:
            f.write(json.dumps(hyper, indent=2) + "\n")
        train.emit("timebox", secondsPerStep=per_step, steps=steps, hyper=path)
        args.hyper = path
        train.run(args)
    except train.TrainError as e:
        train.emit("error", **e.fields)
        sys.exit(3)


if __name__ == "__main__":
    main()
