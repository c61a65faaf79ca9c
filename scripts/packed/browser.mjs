// Bundled by plain esbuild (--platform=browser, no externals): no Node built-in may be reached.
import { bmi } from '@nexfitra/core';
import { createPlan, loadLpSolver } from '@nexfitra/planner';

export { bmi, createPlan, loadLpSolver };
