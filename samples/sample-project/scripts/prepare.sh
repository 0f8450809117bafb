#!/bin/sh
# Step "prepare": counts the input files and hands the steps after it a stamp unique to this run.
set -eu
mkdir -p out
files=$(ls data/*.txt | wc -l | tr -d ' ')
echo "found $files input files in data/"
echo "files=$files" >> "$CODOMYRMEX_OUTPUT"
echo "stamp=$(date +%s)-$$" >> "$CODOMYRMEX_OUTPUT"
