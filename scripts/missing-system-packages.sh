#!/bin/sh
# The Debian packages this project needs that are missing here, on one line (nothing when all is in
# place). Usage: sh scripts/missing-system-packages.sh [PYTHON]   (PYTHON: the venv's, with PySide6)
#
#   graphviz           auto-layout with dot (the built-in engine is the fallback)
#   librsvg2-bin       rsvg-convert, the tests' independent SVG renderer
#   the libraries of Qt's platform plugins in PySide6 (xcb: a real X11 display; offscreen: tests and
#   screenshots), found with ldd, which lists every library the plugin cannot load; each is named by
#   Debian's rule for library packages (libfoo.so.N is in libfooN, libfoo-N when foo ends in a digit)
#   xvfb               Xvfb and xvfb-run: `xvfb-run -a make run` and the real-display smoke test
#   xdotool            the smoke test's real keyboard and mouse
#   imagemagick        the smoke test's screenshots (import)
#   fonts-dejavu-core  the canvas and export font
set -u
python=${1:-python3}
missing=""

need() { missing="$missing $1"; }

has() { command -v "$1" >/dev/null 2>&1; }

package_of() {  # the rule, and the libraries of Qt's dependencies that break it
  case "$1" in
    libglib-2.0.so.*|libgthread-2.0.so.*|libgobject-2.0.so.*|libgio-2.0.so.*) echo libglib2.0-0; return ;;
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*) echo libc6; return ;;
    libgcc_s.so.*) echo libgcc-s1; return ;;
    libz.so.*) echo zlib1g; return ;;
    libbrotli*.so.*) echo libbrotli1; return ;;
    libGLdispatch.so.*) echo libglvnd0; return ;;
  esac
  name=$(printf '%s' "${1%%.so.*}" | tr 'A-Z' 'a-z')
  version=${1##*.so.}
  case "$name" in
    *[0-9]) echo "$name-$version" ;;
    *) echo "$name$version" ;;
  esac
}

has dot || need graphviz
has rsvg-convert || need librsvg2-bin
{ has Xvfb && has xvfb-run; } || need xvfb
has xdotool || need xdotool
has import || need imagemagick
{ has fc-list && fc-list 2>/dev/null | grep -qi dejavu; } || need fonts-dejavu-core

plugins=$("$python" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms")' 2>/dev/null)
if [ -n "$plugins" ]; then
  for plugin in "$plugins/libqxcb.so" "$plugins/libqoffscreen.so"; do
    [ -f "$plugin" ] || continue
    for lib in $(ldd "$plugin" 2>/dev/null | awk '/not found/ {print $1}'); do
      need "$(package_of "$lib")"
    done
  done
fi

printf '%s\n' $missing | sort -u | tr '\n' ' ' | sed 's/^ *//; s/ *$//'
