#!/usr/bin/env python3
"""po/POTFILES.in lists every file with strings marked for translation, and only files that exist."""

import glob
import os
import re
import sys

source_root = sys.argv[1]
os.chdir(source_root)

with open('po/POTFILES.in', encoding='utf-8') as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]

# g_dngettext's first argument is the domain, not a string
marked = re.compile(r'\b(?:_|N_|C_|NC_|ngettext)\s*\(\s*"|\bg_d[np]*gettext2?\s*\(|translatable="yes"')
candidates = (glob.glob('app/*.c') + glob.glob('cli/*.c') + glob.glob('data/ui/*.ui') +
              glob.glob('data/*.desktop.in') + glob.glob('data/*.metainfo.xml.in') +
              glob.glob('data/*.gschema.xml'))

status = 0
for path in listed:
    if not os.path.isfile(path):
        print('po/POTFILES.in lists %s, which does not exist' % path)
        status = 1
for path in sorted(candidates):
    if path in listed:
        continue
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith(('.c', '.ui')) and not marked.search(text):
        continue
    print('%s has strings for translation but is not in po/POTFILES.in' % path)
    status = 1
print('%d files listed' % len(listed))
sys.exit(status)
