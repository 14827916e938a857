#!/usr/bin/python3
# check-potfiles.py: po/POTFILES.in lists every source and data file with strings to translate,
# sorted, and only files that exist.
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
top = os.path.abspath(top)

# What marks a string to translate: gettext calls in C, translatable properties in .ui files,
# translatable keys of desktop entries, the texts of metainfo and schemas.
MARKS = re.compile(r'(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext)\s*\('
                   r'|translatable="yes"'
                   r'|^(Name|Comment|GenericName|Keywords)='
                   r'|<summary>|<name>', re.M)
SUFFIXES = ('.c', '.ui', '.in', '.xml')

with open(os.path.join(top, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]

needed = []
for folder in ('src', 'data'):
    for root, dirs, files in os.walk(os.path.join(top, folder)):
        dirs.sort()
        for name in files:
            if not name.endswith(SUFFIXES):
                continue
            path = os.path.join(root, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                if MARKS.search(f.read()):
                    needed.append(os.path.relpath(path, top))

failed = False
missing = sorted(set(needed) - set(listed))
if missing:
    failed = True
    print('po/POTFILES.in lacks these files with strings to translate:')
    for path in missing:
        print(f'  {path}')
gone = [path for path in listed if not os.path.exists(os.path.join(top, path))]
if gone:
    failed = True
    print('po/POTFILES.in lists files that do not exist:')
    for path in gone:
        print(f'  {path}')
if listed != sorted(listed):
    failed = True
    print('po/POTFILES.in is not sorted')

if not failed:
    print(f'po/POTFILES.in lists all {len(listed)} files with strings to translate')
sys.exit(1 if failed else 0)
