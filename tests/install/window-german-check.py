#!/usr/bin/env python3
"""A DepView window under LANGUAGE=de shows German: every text it shows that
the catalogue translates is shown translated, and some are shown at all.
Expected texts come from the German catalogue built from po/de.po."""

import gettext
import json
import os
import subprocess
import sys

runner, program, mo_path = sys.argv[1:4]

with open(mo_path, 'rb') as f:
    catalogue = gettext.GNUTranslations(f)._catalog
english_to_german = {}
for msgid, msgstr in catalogue.items():
    if isinstance(msgid, tuple):  # (msgid, plural index): formats, never shown as they are
        continue
    if msgid and msgstr != msgid:
        english_to_german[msgid] = msgstr
german = set(english_to_german.values())

env = dict(os.environ)
for name in ('LC_ALL', 'LC_MESSAGES', 'LANG'):
    env.pop(name, None)
# C.UTF-8 rather than C: gettext ignores LANGUAGE in the C locale.
env.update(LANG='C.UTF-8', LANGUAGE='de',
           DEPVIEW_LOCALEDIR=os.path.dirname(os.path.dirname(os.path.dirname(mo_path))))
result = subprocess.run([runner, program], stdout=subprocess.PIPE, env=env,
                        universal_newlines=True, timeout=120)
if result.returncode == 77:
    sys.exit(77)
if result.returncode != 0:
    print(result.stdout)
    print('FAIL: %s exited with %d' % (program, result.returncode))
    sys.exit(1)

shown = [json.loads(line) for line in result.stdout.splitlines() if line]
english = sorted({text for text in shown if text in english_to_german})
translated = sorted({text for text in shown if text in german})
for text in translated:
    print('German: %r' % text)
for text in english:
    print('FAIL: shown in English: %r (de: %r)' % (text, english_to_german[text]))
if english:
    sys.exit(1)
if len(translated) < 10:
    print('FAIL: only %d of the %d texts shown are German' % (len(translated), len(set(shown))))
    sys.exit(1)
print('%d German texts shown, none left in English' % len(translated))
