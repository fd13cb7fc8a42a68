#!/usr/bin/env bash
# Redraws packaging/tandem.png (256x256), the desktop app's icon: two chat bubbles (chat) and a check mark
# (todos) on a blue rounded square. Needs ImageMagick 6 (`apt-get install imagemagick`). The PNG is
# committed, so building the installer does not need ImageMagick.
set -euo pipefail
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
convert -size 256x256 -define gradient:angle=135 gradient:'#3B82F6'-'#1E40AF' "$tmp/gradient.png"
convert -size 256x256 xc:black -fill white -draw "roundrectangle 8,8 247,247 52,52" "$tmp/mask.png"
convert "$tmp/gradient.png" "$tmp/mask.png" -alpha off -compose CopyOpacity -composite "$tmp/background.png"
convert "$tmp/background.png" \
    -fill 'rgba(255,255,255,0.55)' -draw "roundrectangle 40,52 168,150 28,28" -draw "polygon 64,146 64,182 100,146" \
    -fill white -draw "roundrectangle 88,100 216,198 28,28" -draw "polygon 192,194 192,230 156,194" \
    -fill none -stroke '#1D4ED8' -strokewidth 14 \
    -draw "stroke-linecap round stroke-linejoin round polyline 124,150 144,170 182,128" \
    -depth 8 tandem.png
echo "wrote $(pwd)/tandem.png"
