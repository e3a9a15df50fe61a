#!/usr/bin/env bash
# Build the macOS disk image dist/lectern-VERSION-macos.dmg from dist/Lectern.app.
#
#   bash packaging/macos/build-dmg.sh [VERSION]
#
# Run on macOS from anywhere in the repository, after `python packaging/make_icons.py` and
# `pyinstaller --noconfirm packaging/lectern.spec` made dist/Lectern.app. VERSION defaults to
# the installed package's (importlib.metadata.version("lectern"), via $PYTHON or python3).
# The image holds Lectern.app and a link to /Applications to drag it onto (compressed, UDZO).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

die() {
  echo "build-dmg: error: $*" >&2
  exit 1
}

version="${1:-}"
if [[ -z "$version" ]]; then
  python="${PYTHON:-python3}"
  version=$("$python" -c "import importlib.metadata as m; print(m.version('lectern'))" 2>/dev/null) ||
    die "no VERSION given and $python cannot find the installed lectern package (pip install . first)"
fi
[[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z.+_-]*$ ]] || die "not a version: '$version'"

app="dist/Lectern.app"
[[ -d "$app" ]] || die "$app is missing: build it first with: pyinstaller --noconfirm packaging/lectern.spec"
[[ -x "$app/Contents/MacOS/lectern" ]] || die "$app has no executable Contents/MacOS/lectern: the build is incomplete"
command -v hdiutil >/dev/null 2>&1 || die "hdiutil not found: disk images are built on macOS only"
# Git archives: pygit2 with the libgit2 the wheel ships (pygit2/.dylibs) and certifi's certificates.
for pattern in '_cffi_backend.*' '_libgit2.*' 'libgit2*.dylib' 'cacert.pem'; do
  [[ -n $(find "$app" -name "$pattern" -print -quit) ]] ||
    die "$app has no $pattern: git archives would not work (see packaging/lectern.spec)"
done

dmg="dist/lectern-$version-macos.dmg"
stage=$(mktemp -d "${TMPDIR:-/tmp}/lectern-dmg.XXXXXX")
trap 'rm -rf "$stage"' EXIT

echo "build-dmg: staging $app"
# ditto keeps the bundle's symlinks, permissions, extended attributes and code signature.
ditto "$app" "$stage/Lectern.app"
ln -s /Applications "$stage/Applications"

echo "build-dmg: creating $dmg"
rm -f "$dmg"
# hdiutil now and then fails with "Resource busy" on CI machines: try again before giving up.
for attempt in 1 2 3; do
  if hdiutil create -volname "Lectern $version" -srcfolder "$stage" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"; then
    break
  fi
  [[ $attempt -lt 3 ]] || die "hdiutil create failed $attempt times"
  echo "build-dmg: hdiutil create failed (attempt $attempt), retrying" >&2
  sleep $((attempt * 5))
done
hdiutil verify "$dmg" >/dev/null || die "hdiutil verify rejected $dmg"

size=$(du -h "$dmg" | cut -f1)
echo "build-dmg: wrote $dmg ($size)"
