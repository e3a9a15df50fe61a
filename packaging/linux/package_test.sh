#!/usr/bin/env bash
# Smoke test of the Linux installer: unpack the .deb into a scratch root, run the installed
# app's --self-test offscreen (with the system's fonts, then with none at all, so the bundled
# CJK font must take over; each run also clones and updates a local git repository with the
# bundled libgit2 and checks certifi's certificates), and validate the desktop entry and the
# AppStream metainfo.
# In CI, as root, also install the .deb for real with apt (its Depends: included) and test that.
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(ls -t dist/lectern_*.deb | head -n 1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch/root"
app="$scratch/root/opt/lectern/lectern"
echo "== $deb: $(du -h "$deb" | cut -f1), bundle $(du -sh "$scratch/root/opt/lectern" | cut -f1)"

echo "== git archives: what the bundle carries (pygit2's own libgit2, libssh2 and OpenSSL; certifi)"
lib="$scratch/root/opt/lectern/_internal"
for pattern in '_cffi_backend.*' '_libgit2.*' 'libgit2[-.]*' 'libssh2[-.]*' 'libssl-*' 'libcrypto-*' 'cacert.pem'; do
  [[ -n $(find "$lib" -name "$pattern" -print -quit) ]] || { echo "the bundle has no $pattern" >&2; exit 1; }
done

echo "== self-test with the system's fonts"
out=$(QT_QPA_PLATFORM=offscreen "$app" --self-test)
echo "$out"
grep -q "git: cloned and updated a local repo" <<<"$out" || { echo "no git line in the self-test" >&2; exit 1; }
grep -q "TLS certificates configured from certifi" <<<"$out" \
  || { echo "the bundle's libgit2 does not use certifi's certificates: https clones would fail" >&2; exit 1; }

echo "== self-test on a machine with no fonts at all"
cat > "$scratch/no-fonts.conf" <<XML
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>$scratch/empty</dir><cachedir>$scratch/fc-cache</cachedir></fontconfig>
XML
mkdir -p "$scratch/empty"
out=$(FONTCONFIG_FILE="$scratch/no-fonts.conf" QT_QPA_PLATFORM=offscreen "$app" --self-test)
echo "$out"
grep -q "bundled font" <<<"$out" || { echo "the bundled CJK font was not used" >&2; exit 1; }

echo "== no display, and a display that does not answer: one sentence each and exit 1, not Qt's abort"
# The second is said only after the bundled resources/system-packages.txt was read and every library loaded.
status=0; out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" 2>&1) || status=$?
echo "$out"
[[ $status == 1 ]] && grep -q "xvfb-run" <<<"$out" || { echo "no one-sentence 'no display' answer" >&2; exit 1; }
status=0; out=$(env -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM -u XDG_SESSION_TYPE DISPLAY=:4711 "$app" 2>&1) || status=$?
echo "$out"
[[ $status == 1 ]] && grep -q "DISPLAY=:4711 does not answer" <<<"$out" \
  || { echo "the bundle did not check its libraries (resources/system-packages.txt missing?)" >&2; exit 1; }

echo "== desktop entry and metainfo"
desktop-file-validate "$scratch/root/usr/share/applications/io.github.lectern.Lectern.desktop"
appstreamcli validate --no-net "$scratch/root/usr/share/metainfo/io.github.lectern.Lectern.metainfo.xml"
for size in 16 32 48 128 256; do
  test -f "$scratch/root/usr/share/icons/hicolor/${size}x${size}/apps/io.github.lectern.Lectern.png"
done

if [[ "${CI:-}" == "true" && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "== apt install of the .deb"
  apt-get install -y -qq "./$deb" >/dev/null
  QT_QPA_PLATFORM=offscreen /usr/bin/lectern --self-test
  apt-get remove -y -qq lectern >/dev/null
fi
echo "== package test passed"
