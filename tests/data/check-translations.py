#!/usr/bin/python3
# check-translations.py: every translation in po/LINGUAS is complete against the sources as they
# are now: the template is extracted again (as `meson compile devin-admin-pot` does), each .po is
# merged with it, and msgfmt --check --statistics must report no untranslated and no fuzzy
# message, and no error.
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
top = os.path.abspath(top)
po_dir = os.path.join(top, 'po')

# The keywords and flags of meson's i18n 'glib' preset.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]
STATS = re.compile(r'(\d+) translated messages?(?:, (\d+) fuzzy translations?)?'
                   r'(?:, (\d+) untranslated messages?)?')


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def statistics(po):
    """(translated, fuzzy, untranslated, errors) of msgfmt --check --statistics on @po."""
    result = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po])
    match = STATS.search(result.stderr)
    if result.returncode != 0 or match is None:
        return None, result.stderr.strip()
    return tuple(int(g or 0) for g in match.groups()), ''


def list_msgids(po, option):
    result = run(['msgattrib', option, '--no-wrap', po])
    return [line[len('msgid '):] for line in result.stdout.splitlines()
            if line.startswith('msgid ') and line != 'msgid ""']


with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
    languages = [w for line in f if not line.startswith('#') for w in line.split()]

failed = not languages
if not languages:
    print('po/LINGUAS lists no language')

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'devin-admin.pot')
    result = run(['xgettext', *XGETTEXT_ARGS, '--package-name=devin-admin',
                  '-D', top, '-f', os.path.join(po_dir, 'POTFILES.in'), '-o', pot])
    if result.returncode != 0:
        print(result.stderr)
        sys.exit(1)

    for lang in languages:
        po = os.path.join(po_dir, lang + '.po')
        if not os.path.exists(po):
            print(f'po/{lang}.po is missing')
            failed = True
            continue

        # The file itself: well-formed, formats matching, and complete.
        stats, errors = statistics(po)
        if stats is None:
            print(f'po/{lang}.po: msgfmt --check failed:\n{errors}')
            failed = True
            continue

        # And against the sources as they are now.
        merged = os.path.join(tmp, lang + '.po')
        result = run(['msgmerge', '--quiet', '--previous', '-o', merged, po, pot])
        if result.returncode != 0:
            print(result.stderr)
            failed = True
            continue
        stats, errors = statistics(merged)
        if stats is None:
            print(f'po/{lang}.po merged with the sources: msgfmt --check failed:\n{errors}')
            failed = True
            continue

        translated, fuzzy, untranslated = stats
        print(f'po/{lang}.po: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated')
        if fuzzy or untranslated or translated == 0:
            failed = True
            for msgid in list_msgids(merged, '--untranslated')[:40]:
                print(f'  untranslated: {msgid}')
            for msgid in list_msgids(merged, '--only-fuzzy')[:40]:
                print(f'  fuzzy: {msgid}')
            print(f'  Update it: meson compile -C <build> devin-admin-update-po, then translate.')

sys.exit(1 if failed else 0)
