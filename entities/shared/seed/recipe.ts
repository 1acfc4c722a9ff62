import { defineSeedRecipe } from '../../../generators/model/seed-recipe.ts';
import { seedLargeDemo } from './large.ts';
import { seedSmallDemo } from './small.ts';

/**
 * The demo's data for `npx kontor seed`: a grain, oilseed and feed trader in Hamburg with sites in Uelzen,
 * Lüneburg and Stendal. `small` (also seeded on the first start) fills every screen through the audited
 * write path; `large` writes 1,000,000+ rows in bulk for the benchmarks.
 */
export default defineSeedRecipe({ small: seedSmallDemo, large: seedLargeDemo });
