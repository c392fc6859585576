// Entry of the bundled CLI (dist/cli.js in packaged installs): runs `studio` with the process arguments.
// In a source checkout bin/studio.js does the same through tsx.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
