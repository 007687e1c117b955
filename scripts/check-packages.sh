#!/usr/bin/env bash
# Packs every published package as npm would see it and checks the tarball with publint.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for dir in packages/*/; do
  (cd "$dir" && pnpm pack --pack-destination "$out" >/dev/null)
done
for tarball in "$out"/*.tgz; do
  pnpm exec publint run "$tarball" --strict
done
for tarball in "$out"/*.tgz; do
  pnpm exec attw "$tarball" --profile esm-only --format table-flipped >/dev/null || pnpm exec attw "$tarball" --profile esm-only
done
