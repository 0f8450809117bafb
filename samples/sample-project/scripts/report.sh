#!/bin/sh
# Step "report": receives the other steps' outputs as arguments and writes them to out/report.txt.
set -eu
mkdir -p out
{
  echo "files:  $1"
  echo "words:  $2"
  echo "lines:  $3"
  echo "mirror: $4"
} > out/report.txt
cat out/report.txt
echo "report=out/report.txt" >> "$CODOMYRMEX_OUTPUT"
