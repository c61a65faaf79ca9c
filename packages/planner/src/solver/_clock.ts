/**
 * @internal The clock of the planner's time budgets: this process's CPU time (user + system,
 * ms) where the runtime reports it (Node's `process.cpuUsage`), else wall time
 * (`performance.now`, browsers). CPU time does not grow while other processes hold the cores,
 * so on a shared machine a plan is not cut short (and made worse) only because the machine is
 * busy; on an idle machine the two read alike.
 */
type CpuUsage = () => { user: number; system: number };

const cpuUsage: CpuUsage | undefined = (() => {
  const p = (globalThis as { process?: { cpuUsage?: CpuUsage } }).process;
  return typeof p?.cpuUsage === 'function' ? p.cpuUsage.bind(p) : undefined;
})();

/** Milliseconds on the budget clock (only differences are meaningful). */
export function budgetNow(): number {
  if (!cpuUsage) return performance.now();
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
}
