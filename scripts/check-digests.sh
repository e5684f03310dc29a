#!/usr/bin/env bash
# Checks that DIR holds exactly the files listed in SUMS (sha256sum format, paths relative
# to DIR) with the same digests: used at every hand-over of release files between jobs.
set -euo pipefail
dir=$1
sums=$(realpath "$2")
cd "$dir"
find . -type f -print0 | sort -z | xargs -0 sha256sum > /tmp/tollgate-actual.sha256
if ! diff -u "$sums" /tmp/tollgate-actual.sha256; then
  echo "::error::the release files differ from the ones the gate verified (digests above); refusing to continue"
  exit 1
fi
echo "release files match the verified digests ($(wc -l < "$sums") files)"
