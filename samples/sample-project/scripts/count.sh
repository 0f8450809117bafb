#!/bin/sh
# Steps "count-words" and "count-lines": each holds the one-slot "sample-db" resource while it counts, so the
# other waits in the queue.
set -eu
what=$1
echo "holding sample-db (room for one step): the other counting step waits in the queue"
sleep 3
case "$what" in
  words) count=$(cat data/*.txt | wc -w | tr -d ' ') ;;
  lines) count=$(cat data/*.txt | wc -l | tr -d ' ') ;;
  *) echo "count.sh: expected words or lines, got \"$what\"" >&2; exit 2 ;;
esac
echo "$what: $count"
echo "$what=$count" >> "$CODOMYRMEX_OUTPUT"
