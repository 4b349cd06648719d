#!/usr/bin/env node
'use strict';
// Copies the files the compiled code reads at run time (handlebars templates) from the sources to dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const folders = ['constructs', 'stacks', 'cli', 'model'];

function copy(relative) {
  const source = path.join(root, relative);
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      copy(child);
    } else if (entry.name.endsWith('.hbs')) {
      fs.mkdirSync(path.join(root, 'dist', relative), { recursive: true });
      fs.copyFileSync(path.join(root, child), path.join(root, 'dist', child));
    }
  }
}

folders.filter((folder) => fs.existsSync(path.join(root, folder))).forEach(copy);
