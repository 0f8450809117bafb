// Imported first by the CLI's entry: zod parses without compiling a parser per object schema (its JIT, `new Function`
// at a schema's first parse). A command parses each schema once or a few times, where that compile costs more than it
// saves; and code made by `new Function` is never in the CLI's code cache. Schemas made before this line keep their JIT.
import { z } from 'zod';

z.config({ jitless: true });
