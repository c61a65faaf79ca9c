#!/usr/bin/env node
/** Entry of the `nexfitra` executable. */
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`nexfitra: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
