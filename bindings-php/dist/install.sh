#!/bin/sh
# Installs the prebuilt antom extension into this machine's PHP (run as root):
#   sudo ./install.sh
# Checks every file against the SHA256SUMS beside it, copies antom.so into PHP's extension_dir
# and antom.ini into every conf.d directory PHP scans (CLI, FPM, Apache), then checks that PHP
# loads it. PHP=/path/to/php picks another PHP; PHP_CONF_DIRS="dir1:dir2" names the conf.d
# directories instead of /etc/php/8.2/*/conf.d and the CLI's scan directories.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
php=${PHP:-php}
fail() {
  echo "install.sh: $*" >&2
  exit 1
}

# Nothing is copied from a tarball that was damaged or cut short on its way. (These sums travel
# inside it, so they prove integrity, not origin: check the tarball itself against the
# SHA256SUMS published beside it.)
[ -f "$here/SHA256SUMS" ] || fail "no SHA256SUMS beside install.sh: not installing"
if ! (cd "$here" && sha256sum --quiet --strict -c SHA256SUMS); then
  fail "the files do not match SHA256SUMS: not installing"
fi

api=$("$php" -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
[ "$api" = "8.2" ] || fail "this antom.so is built for PHP 8.2; this PHP is $api"
ext_dir=$("$php" -r 'echo ini_get("extension_dir");')
[ -n "$ext_dir" ] && [ -d "$ext_dir" ] || fail "PHP's extension_dir '$ext_dir' is not a directory"
install -m 0755 "$here/antom.so" "$ext_dir/antom.so"

if [ -z "${PHP_CONF_DIRS+set}" ]; then
  scan=$("$php" --ini | sed -n 's/^Scan for additional .ini files in: //p')
  PHP_CONF_DIRS=$scan
  for d in /etc/php/8.2/*/conf.d; do
    [ -d "$d" ] && PHP_CONF_DIRS="$PHP_CONF_DIRS:$d"
  done
fi
found=0
# Split on ':' only (a directory may hold spaces), without globbing.
set -f
old_ifs=$IFS
IFS=:
for d in $PHP_CONF_DIRS; do
  IFS=$old_ifs
  if [ -n "$d" ] && [ -d "$d" ]; then
    found=1
    [ -e "$d/20-antom.ini" ] || install -m 0644 "$here/antom.ini" "$d/20-antom.ini"
  fi
  IFS=:
done
IFS=$old_ifs
set +f
[ "$found" = 1 ] || echo "install.sh: no conf.d directory found; add 'extension=antom' to php.ini" >&2
"$php" -r 'exit(extension_loaded("antom") ? 0 : 1);' || fail "PHP does not load antom after the install"
echo "antom extension installed in $ext_dir"
