#!/usr/bin/env python3
"""A translation is valid and complete: every string of the current sources translated, none fuzzy."""

import os
import re
import subprocess
import sys
import tempfile

msgfmt, po_file = sys.argv[1], sys.argv[2]
po_dir = os.path.dirname(po_file)
source_root = os.path.dirname(po_dir)
bin_dir = os.path.dirname(msgfmt)


def tool(name):
    return os.path.join(bin_dir, name)


with tempfile.TemporaryDirectory() as tmp:
    # The template as `meson compile depview-pot` makes it (the glib preset's keywords).
    pot = os.path.join(tmp, 'depview.pot')
    subprocess.run([tool('xgettext'), '--package-name=depview', '-p', tmp, '-o', 'depview.pot',
                    '-D', source_root, '-k_', '-kN_', '-kC_:1c,2', '-kNC_:1c,2',
                    '-kg_dngettext:2,3', '-kg_dpgettext2:2c,3', '--from-code=UTF-8',
                    '--add-comments', '--files-from=' + os.path.join(po_dir, 'POTFILES.in')],
                   check=True)
    merged = os.path.join(tmp, 'merged.po')
    subprocess.run([tool('msgmerge'), '--quiet', '--no-fuzzy-matching', '-o', merged,
                    po_file, pot], check=True)
    # Into the temporary folder, never os.devnull: msgfmt writes a temporary
    # file and renames it over its output, which would turn /dev/null into a
    # regular file for every process on the machine.
    result = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.path.join(tmp, 'check.mo'), merged],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    print(result.stdout.strip())
    if result.returncode != 0:
        sys.exit(1)
    translated = re.search(r'(\d+) translated', result.stdout)
    if translated is None or int(translated.group(1)) == 0:
        sys.exit(1)
    if re.search(r'fuzzy|untranslated', result.stdout):
        print('%s is not complete for the strings in the current sources' % po_file)
        sys.exit(1)
