/**
 * Early stopping on validation loss (Prechelt 1998, "Early Stopping — But When?", the "patience"
 * rule): stop once `patience` evaluations in a row failed to beat the best loss so far by more
 * than `minDelta`; the best evaluation's weights are the result.
 */
export class EarlyStopping {
  best = Number.POSITIVE_INFINITY;
  bestStep = -1;
  private bad = 0;

  constructor(
    readonly patience: number,
    readonly minDelta = 0,
  ) {}

  /** Records the loss at `step`; returns `improved` (a new best) and `stop`. */
  update(step: number, loss: number): { improved: boolean; stop: boolean } {
    if (loss < this.best - this.minDelta) {
      this.best = loss;
      this.bestStep = step;
      this.bad = 0;
      return { improved: true, stop: false };
    }
    this.bad++;
    return { improved: false, stop: this.bad >= this.patience };
  }
}
