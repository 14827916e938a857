#!/usr/bin/python3
# check-metainfo.py: what appstreamcli does not check in the built metainfo: every screenshot it
# names is committed under data/screenshots/, the newest release is this version, and the fields
# software centres show are there.
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-metainfo.py METAINFO SOURCE_ROOT VERSION APP_ID

import os
import sys
import xml.etree.ElementTree as ElementTree

SCREENSHOT_PREFIX = 'https://raw.githubusercontent.com/devinadmin/devin-admin/main/'


def main():
    metainfo, source_root, version, app_id = sys.argv[1:5]
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

    root = ElementTree.parse(metainfo).getroot()

    check(root.findtext('id') == app_id, 'the id is the app id', root.findtext('id'))
    for field in ('name', 'summary', 'developer_name', 'metadata_license', 'project_license'):
        check(bool((root.findtext(field) or '').strip()), f'it has a {field}')
    developer = root.find('developer')
    check(developer is not None and developer.get('id') and developer.findtext('name'),
          'it names the developer with an id')
    paragraphs = root.findall('description/p')
    check(len(paragraphs) >= 2 and len(paragraphs[0].text.split()) >= 20,
          'its description is more than a line')
    check(root.find('content_rating') is not None and
          root.find('content_rating').get('type', '').startswith('oars-'),
          'it has an OARS content rating')
    urls = {url.get('type'): url.text for url in root.findall('url')}
    check({'homepage', 'bugtracker', 'vcs-browser'} <= set(urls), 'it has the project\'s URLs',
          urls)

    releases = root.findall('releases/release')
    check(bool(releases) and releases[0].get('version') == version,
          f'the newest release is {version}',
          releases[0].get('version') if releases else None)
    check(all(release.get('date') for release in releases), 'every release has a date')

    images = [image.text.strip() for image in root.findall('screenshots/screenshot/image')]
    check(len(images) >= 3, 'it shows several screenshots', images)
    defaults = root.findall('screenshots/screenshot[@type="default"]')
    check(len(defaults) == 1, 'one screenshot is the default')
    for image in images:
        path = image[len(SCREENSHOT_PREFIX):] if image.startswith(SCREENSHOT_PREFIX) else None
        check(path is not None and path.startswith('data/screenshots/') and
              os.path.isfile(os.path.join(source_root, path)),
              f'the screenshot {os.path.basename(image)} is committed in data/screenshots/',
              image)
    captions = [shot.findtext('caption') for shot in root.findall('screenshots/screenshot')]
    check(all(captions), 'every screenshot has a caption', captions)

    print(f'1..{count}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
