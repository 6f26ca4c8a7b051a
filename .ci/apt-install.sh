#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are not installed yet (--no-install-recommends),
# running apt-get update at most once per CI run (a marker in $CI_TMP, when .ci/run provides it). Safe to run twice.
set -euo pipefail

missing=()
for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "already installed: $*"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
marker="${CI_TMP:-/tmp}/.apt-updated"
if [ ! -e "$marker" ]; then
    $sudo apt-get update -qq
    touch "$marker"
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
