#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test (tests/.../Browser). Playwright is pointed at
# /usr/bin/chromium and never downloads a browser of its own. Safe to run twice.
set -euo pipefail

# The charts name DejaVu Sans first (the browser tests measure them in it), and the PNG finds it through
# fontconfig (SkiaSharp's Linux build loads libfontconfig1): check all three.
if command -v chromium >/dev/null 2>&1 && dpkg -s fonts-dejavu-core libfontconfig1 >/dev/null 2>&1; then
    echo "chromium and fonts already installed: $(chromium --version 2>/dev/null || true)"
    exit 0
fi

bash "$(dirname "$0")/apt-install.sh" chromium fonts-dejavu-core libfontconfig1
chromium --version
