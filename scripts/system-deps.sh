#!/bin/sh
# Install the Debian packages the app and its tests need, when they are missing.
# Runs as root (CI) or through sudo; otherwise prints the command to run.
set -eu
need=""
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
python3 -c "import ensurepip, venv" 2>/dev/null || need="$need python3-venv"
for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 \
            libfontconfig.so.1:libfontconfig1 libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3 \
            libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-cursor.so.0:libxcb-cursor0 \
            libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1 \
            libxcb-shape.so.0:libxcb-shape0 libxcb-render-util.so.0:libxcb-render-util0 \
            libxcb-image.so.0:libxcb-image0 libxcb-randr.so.0:libxcb-randr0 libxcb-xkb.so.1:libxcb-xkb1; do
  has_lib "${pair%%:*}" || need="$need ${pair#*:}"
done
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
command -v certutil >/dev/null 2>&1 || need="$need libnss3-tools"  # an NSS trust store for pdfsig in the tests
command -v zbarimg >/dev/null 2>&1 || need="$need zbar-tools"      # the tests scan the printed QR code
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
[ -z "$need" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少系统组件：$need（请用系统的包管理器安装）" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "缺少系统组件，请以 root 运行：apt-get install -y$need" >&2; exit 1
fi
echo "安装系统组件：$need"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
