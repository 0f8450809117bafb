#!/bin/sh
# Step "fetch-mirror": fails its first attempt on purpose (the mirror is "busy") so its retry can be seen to succeed.
# The marker is named after this run's stamp, so every run fails once, whatever happened before.
set -eu
marker="out/.mirror-$1"
if [ -e "$marker" ]; then
  rm -f "$marker"
  echo "second attempt: the mirror answered"
  echo "mirror=answered on the second attempt" >> "$CODOMYRMEX_OUTPUT"
else
  mkdir -p out
  : > "$marker"
  echo "first attempt: the mirror is busy; this step fails once and its retry succeeds" >&2
  exit 1
fi
