import { defineConfig } from 'tsup';

export default defineConfig({
  // One named entry per subpath export: dist/<name>.js / .cjs / .d.ts / .d.cts.
  entry: {
    index: 'src/index.ts',
    language: 'src/language/index.ts',
    exercises: 'src/exercises/index.ts',
    met: 'src/met/index.ts',
    foods: 'src/foods/index.ts',
    progress: 'src/progress/index.ts',
    dishes: 'src/dishes/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
