import { defineConfig } from 'tsup';
import { moduleBuild } from '../../scripts/build/moduleBuild';

// ESM, one file per module (see scripts/build/moduleBuild.ts); one .d.ts per subpath export.
export default defineConfig(
  moduleBuild({
    index: 'src/index.ts',
    internal: 'src/internal.ts',
    foods: 'src/foods/index.ts',
    dishes: 'src/dishes/index.ts',
    exercises: 'src/exercises/index.ts',
    met: 'src/met/index.ts',
    language: 'src/language/index.ts',
    progress: 'src/progress/index.ts',
  }),
);
