/**
 * Records the OpenAPI examples: asks a freshly seeded app each request of EXAMPLE_REQUESTS and
 * writes the answers to src/query/examples.json (run by `npm run openapi`).
 */
import { writeFileSync } from 'node:fs';
import { recordExamples } from '../openapi.js';
import { EXAMPLES_PATH } from '../query/examples.js';

const examples = await recordExamples();
writeFileSync(EXAMPLES_PATH, `${JSON.stringify(examples, null, 2)}\n`);
console.log(`wrote ${Object.keys(examples).length} examples to ${EXAMPLES_PATH}`);
