#!/usr/bin/env python3
"""Installs the build into a temporary folder and checks what a user gets."""

import argparse
import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = 'com.example.DepView'


def fail(message):
    print('FAIL: ' + message)
    sys.exit(1)


def install(args, destdir):
    # Without --no-rebuild: meson test builds only what a test names, and the
    # install needs everything (the catalogues, the merged desktop file, ...).
    cmd = [args.meson, 'install', '-C', args.build_root, '--destdir', destdir, '--quiet']
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    if result.returncode != 0:
        print(result.stdout)
        fail('meson install exited with %d' % result.returncode)


def under(destdir, prefix, path):
    # Relative install dirs are relative to the prefix; absolute ones stand alone.
    full = path if os.path.isabs(path) else os.path.join(prefix, path)
    return os.path.join(destdir, full.lstrip('/'))


def run(cmd, env=None):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, env=env, timeout=60)


def check_cli_version(args, root):
    cli = os.path.join(root['bindir'], 'depview-cli')
    if not os.access(cli, os.X_OK):
        fail('no executable %s' % cli)
    result = run([cli, '--version'])
    print('$ depview-cli --version\n' + result.stdout + result.stderr)
    if result.returncode != 0:
        fail('depview-cli --version exited with %d' % result.returncode)
    if not re.search(r'(^|\s)' + re.escape(args.version) + r'(\s|$)', result.stdout):
        fail('the version %s is not in the output' % args.version)


def desktop_entry(path):
    entry = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if '=' in line and not line.startswith('#'):
                key, value = line.rstrip('\n').split('=', 1)
                entry[key] = value
    return entry


def catalogue(root, lang):
    mo = os.path.join(root['localedir'], lang, 'LC_MESSAGES', 'depview.mo')
    if not os.path.isfile(mo):
        fail('no installed catalogue %s' % mo)
    with open(mo, 'rb') as f:
        return gettext.GNUTranslations(f)


def check_files(args, root):
    expected = [
        os.path.join(root['bindir'], 'depview'),
        os.path.join(root['bindir'], 'depview-cli'),
        os.path.join(root['datadir'], 'applications', APP_ID + '.desktop'),
        os.path.join(root['datadir'], 'metainfo', APP_ID + '.metainfo.xml'),
        os.path.join(root['datadir'], 'icons', 'hicolor', 'scalable', 'apps', APP_ID + '.svg'),
        os.path.join(root['datadir'], 'icons', 'hicolor', 'symbolic', 'apps',
                     APP_ID + '-symbolic.svg'),
        os.path.join(root['mandir'], 'man1', 'depview.1'),
        os.path.join(root['mandir'], 'man1', 'depview-cli.1'),
        os.path.join(root['datadir'], 'glib-2.0', 'schemas', APP_ID + '.gschema.xml'),
        os.path.join(root['localedir'], 'de', 'LC_MESSAGES', 'depview.mo'),
    ]
    missing = [p for p in expected if not os.path.isfile(p)]
    for p in missing:
        print('missing: ' + p)
    if missing:
        fail('%d installed files are missing' % len(missing))

    # The desktop file carries the German name and comment from de.po.
    de = catalogue(root, 'de')
    desktop = os.path.join(root['datadir'], 'applications', APP_ID + '.desktop')
    entry = desktop_entry(desktop)
    for key in ('GenericName', 'Comment'):
        german = de.gettext(entry[key])
        if german == entry[key]:
            fail('de.po has no translation of the desktop %s "%s"' % (key, entry[key]))
        if entry.get(key + '[de]') != german:
            fail('%s[de] is %r, expected %r' % (key, entry.get(key + '[de]'), german))
    if entry.get('Exec', '').split()[-1:] != ['%F']:
        fail('Exec does not take files: %r' % entry.get('Exec'))

    metainfo = os.path.join(root['datadir'], 'metainfo', APP_ID + '.metainfo.xml')
    with open(metainfo, encoding='utf-8') as f:
        if 'xml:lang="de"' not in f.read():
            fail('the installed metainfo has no German text')

    # The installed schema compiles, so the app finds it after glib-compile-schemas.
    schemas = os.path.join(root['datadir'], 'glib-2.0', 'schemas')
    result = run(['glib-compile-schemas', '--strict', '--targetdir', schemas, schemas])
    if result.returncode != 0:
        print(result.stdout + result.stderr)
        fail('the installed schema does not compile')
    env = dict(os.environ, GSETTINGS_SCHEMA_DIR=schemas, GSETTINGS_BACKEND='memory')
    result = run(['gsettings', 'list-recursively', APP_ID], env=env)
    keys = dict(line.split(' ', 2)[1:] for line in result.stdout.splitlines())
    wanted = {'window-width': '1200', 'window-height': '800', 'window-maximized': 'false',
              'last-folder': "''", 'hide-metadata': 'true'}
    if keys != wanted:
        fail('schema keys and defaults are %r, expected %r' % (keys, wanted))
    print('%d files installed and checked' % len(expected))


def check_translation_de(args, root):
    app = os.path.join(root['bindir'], 'depview')
    de = catalogue(root, 'de')
    base = dict(os.environ)
    for name in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'):
        base.pop(name, None)
    # C.UTF-8 rather than C: gettext ignores LANGUAGE in the C locale.
    base['LANG'] = 'C.UTF-8'
    base['DEPVIEW_LOCALEDIR'] = root['localedir']

    english = run([app, '--help'], env=base)
    german = run([app, '--help'], env=dict(base, LANGUAGE='de'))
    if english.returncode != 0 or german.returncode != 0:
        print(english.stdout + english.stderr + german.stdout + german.stderr)
        fail('depview --help failed')

    # Every line of the English help that is one of the app's strings must be
    # its German translation in the German help.
    checked = 0
    for line in english.stdout.splitlines():
        for piece in re.split(r'\s{2,}', line.strip()):
            translated = de.gettext(piece)
            if not piece or translated == piece:
                continue
            checked += 1
            if translated not in german.stdout:
                print('$ LANGUAGE=de depview --help\n' + german.stdout)
                fail('"%s" is not shown as "%s" under LANGUAGE=de' % (piece, translated))
            print('ok: "%s" -> "%s"' % (piece, translated))
    if checked == 0:
        print('$ depview --help\n' + english.stdout)
        fail('depview --help shows none of the strings that de.po translates')


def main():
    parser = argparse.ArgumentParser()
    for option in ('meson', 'build-root', 'prefix', 'bindir', 'datadir', 'mandir',
                   'localedir', 'version'):
        parser.add_argument('--' + option, required=True)
    parser.add_argument('--with-app', action='store_true')
    parser.add_argument('check', choices=['cli-version', 'files', 'translation-de'])
    args = parser.parse_args()

    destdir = tempfile.mkdtemp(prefix='depview-install-')
    try:
        install(args, destdir)
        root = {name: under(destdir, args.prefix, getattr(args, name))
                for name in ('bindir', 'datadir', 'mandir', 'localedir')}
        {'cli-version': check_cli_version,
         'files': check_files,
         'translation-de': check_translation_de}[args.check](args, root)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)


if __name__ == '__main__':
    main()
