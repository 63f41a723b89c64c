/** npm run openapi: regenerates openapi.yaml from the code. */
import { writeFileSync } from 'node:fs';
import { renderOpenApiYaml } from '../openapi.js';
import { OPENAPI_PATH } from '../paths.js';

writeFileSync(OPENAPI_PATH, await renderOpenApiYaml());
console.log(`wrote ${OPENAPI_PATH}`);
