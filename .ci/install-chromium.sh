#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test (tests/.../Browser). Playwright is pointed at
# /usr/bin/chromium and never downloads a browser of its own. Safe to run twice.
set -euo pipefail

# The charts need a font too (ScottPlot draws with DejaVu when it is there): check both.
if command -v chromium >/dev/null 2>&1 && dpkg -s fonts-dejavu-core >/dev/null 2>&1; then
    echo "chromium and fonts already installed: $(chromium --version 2>/dev/null || true)"
    exit 0
fi

bash "$(dirname "$0")/apt-install.sh" chromium fonts-dejavu-core
chromium --version
