#!/usr/bin/env node
'use strict';
// Copies the files the compiled code reads at run time from the sources to dist/: handlebars templates, and the
// emulator's Data connectors page (HTML, CSS and the page's own script, served as they are).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const folders = ['constructs', 'stacks', 'cli', 'model'];
/** Folders whose every file of these kinds is needed at run time. */
const assetFolders = [{ folder: path.join('emulator', 'http', 'page'), extensions: ['.html', '.css', '.js'] }];

function copy(relative, extensions = ['.hbs']) {
  const source = path.join(root, relative);
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      copy(child, extensions);
    } else if (extensions.some((extension) => entry.name.endsWith(extension))) {
      fs.mkdirSync(path.join(root, 'dist', relative), { recursive: true });
      fs.copyFileSync(path.join(root, child), path.join(root, 'dist', child));
    }
  }
}

folders.filter((folder) => fs.existsSync(path.join(root, folder))).forEach((folder) => copy(folder));
assetFolders.forEach(({ folder, extensions }) => copy(folder, extensions));
