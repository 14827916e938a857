#!/usr/bin/python3
# check-install.py: `meson install --destdir` puts the binary, the desktop file, the metainfo,
# the schema, the icons and the translations where the desktop looks for them.
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py MESON BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID APP_ID_BASE
#        LINGUAS_FILE

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree


def main():
    (meson, build_dir, prefix, bindir, datadir, localedir, app_id, app_id_base,
     linguas_file) = sys.argv[1:10]
    count = 0
    failed = 0

    def check(ok, description, detail=None):
        nonlocal count, failed
        count += 1
        print(f'{"ok" if ok else "not ok"} {count} - {description}')
        if not ok:
            failed += 1
            if detail:
                for line in str(detail).splitlines():
                    print(f'# {line}')
        return ok

    destdir = tempfile.mkdtemp(prefix='da-install-')
    try:
        result = subprocess.run([meson, 'install', '-C', build_dir, '--no-rebuild',
                                 '--destdir', destdir, '--quiet'],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                check=False)
        if not check(result.returncode == 0, 'meson install --destdir succeeds', result.stdout):
            print(f'1..{count}')
            return 1

        def installed(*parts):
            path = os.path.join(*parts)
            if not os.path.isabs(path):
                path = os.path.join(prefix, path)
            return os.path.join(destdir, path.lstrip('/'))

        binary = installed(bindir, 'devin-admin')
        check(os.path.isfile(binary) and os.access(binary, os.X_OK),
              'the binary is in bin/ and executable', binary)

        desktop = installed(datadir, 'applications', f'{app_id}.desktop')
        ok = os.path.isfile(desktop)
        if check(ok, 'the desktop file is in share/applications/', desktop):
            with open(desktop, encoding='utf-8') as f:
                text = f.read()
            check(f'Icon={app_id}\n' in text and 'Exec=devin-admin\n' in text,
                  'it names the icon and the binary', text)
            check('Name[de]=' in text or 'Comment[de]=' in text or
                  'de' not in open(linguas_file, encoding='utf-8').read().split(),
                  'its translations are merged in')

        metainfo = installed(datadir, 'metainfo', f'{app_id}.metainfo.xml')
        if check(os.path.isfile(metainfo), 'the metainfo is in share/metainfo/', metainfo):
            root = ElementTree.parse(metainfo).getroot()
            check(root.findtext('id') == app_id, 'its id is the app id', root.findtext('id'))
            launchable = root.find('launchable')
            check(launchable is not None and launchable.text == f'{app_id}.desktop',
                  'it launches the installed desktop file')

        schema = installed(datadir, 'glib-2.0', 'schemas', f'{app_id_base}.gschema.xml')
        check(os.path.isfile(schema), 'the schema is in share/glib-2.0/schemas/', schema)

        icon = installed(datadir, 'icons', 'hicolor', 'scalable', 'apps', f'{app_id}.svg')
        check(os.path.isfile(icon), 'the app icon is in the hicolor theme', icon)
        symbolic = installed(datadir, 'icons', 'hicolor', 'symbolic', 'apps',
                             f'{app_id}-symbolic.svg')
        check(os.path.isfile(symbolic), 'the symbolic icon is in the hicolor theme', symbolic)

        with open(linguas_file, encoding='utf-8') as f:
            languages = [line.strip() for line in f
                         if line.strip() and not line.lstrip().startswith('#')]
        for language in languages:
            mo = installed(localedir, language, 'LC_MESSAGES', 'devin-admin.mo')
            check(os.path.isfile(mo), f'the {language} translation is installed', mo)

        # Nothing of the build's own (tests, benchmarks) is installed.
        stray = []
        for dirpath, _, filenames in os.walk(destdir):
            for name in filenames:
                if name.startswith(('test-', 'bench-')):
                    stray.append(os.path.join(dirpath, name))
        check(not stray, 'no test or benchmark is installed', '\n'.join(stray))
    finally:
        shutil.rmtree(destdir, ignore_errors=True)

    print(f'1..{count}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
