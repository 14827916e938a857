#!/usr/bin/python3
# check-flatpak.py: the flatpak manifest parses, names the app and the command the build makes,
# uses the GNOME 47 runtime, keeps its sandbox holes to the few the app needs, and builds the app
# from this source folder. (A flatpak cannot be built here: the GNOME SDK is not reachable.)
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py MANIFEST APP_ID COMMAND SOURCE_ROOT

import json
import os
import sys

# The only holes: the API over the network, X11 shared memory, the display, the GPU. libsecret
# reaches the keyring through the Secret portal and notifications go through their portal, so no
# D-Bus name is talked to directly.
FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, description, detail=None):
        self.count += 1
        print(f'{"ok" if ok else "not ok"} {self.count} - {description}')
        if not ok:
            self.failed += 1
            if detail is not None:
                for line in str(detail).splitlines():
                    print(f'# {line}')
        return ok


def main():
    manifest_path, app_id, command, source_root = sys.argv[1:5]
    tap = Tap()

    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
        parsed = isinstance(manifest, dict)
        error = None
    except (OSError, ValueError) as e:
        manifest, parsed, error = {}, False, e
    tap.check(parsed, 'the manifest is a JSON object', error)

    manifest_id = manifest.get('id', manifest.get('app-id'))
    tap.check(manifest_id == app_id, f'its app id is the build\'s ({app_id})', manifest_id)
    tap.check(manifest.get('command') == command, f'its command is the binary ({command})',
              manifest.get('command'))
    tap.check(manifest.get('runtime') == 'org.gnome.Platform' and
              manifest.get('sdk') == 'org.gnome.Sdk' and
              str(manifest.get('runtime-version')) == '47',
              'it uses the GNOME 47 runtime and SDK',
              (manifest.get('runtime'), manifest.get('sdk'), manifest.get('runtime-version')))

    finish_args = manifest.get('finish-args', [])
    tap.check(set(finish_args) == FINISH_ARGS and len(finish_args) == len(FINISH_ARGS),
              'its finish-args are network, IPC, Wayland, fallback X11 and DRI, nothing more',
              finish_args)
    tap.check(not any(arg.startswith(('--talk-name', '--own-name', '--filesystem',
                                      '--socket=session-bus', '--socket=system-bus'))
                      for arg in finish_args),
              'no D-Bus name, bus or file system is opened to it', finish_args)

    modules = manifest.get('modules', [])
    app_module = modules[-1] if modules and isinstance(modules[-1], dict) else {}
    tap.check(app_module.get('buildsystem') == 'meson', 'the app is built with meson',
              app_module.get('buildsystem'))
    sources = app_module.get('sources', [])
    dirs = [s for s in sources if isinstance(s, dict) and s.get('type') == 'dir']
    folder = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)),
                                           dirs[0].get('path', ''))) if dirs else None
    tap.check(folder is not None and
              os.path.samefile(folder, source_root) and
              os.path.exists(os.path.join(folder, 'meson.build')),
              'it builds the app from this source folder (a dir source)', folder)
    tap.check('-Dprofile=development' not in app_module.get('config-opts', []),
              'it builds the stable profile, whose app id it names', app_module.get('config-opts'))

    print(f'1..{tap.count}')
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
