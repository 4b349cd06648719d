#!/usr/bin/env node
'use strict';
// The command line is written in TypeScript and compiled to dist/ by `npm run build`: the packed package ships it built
// (prepack), and this repository's `npm start` and `npm test` build it first.
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write('sentinel-cdk: not built yet; run `npm run build` in the sentinel-cdk package\n');
    process.exit(2);
  }
  throw error;
}
Promise.resolve(cli.main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
}, (error) => {
  process.stderr.write(`sentinel-cdk: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
