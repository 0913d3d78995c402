#!/bin/sh
# Installs the prebuilt antom extension into this machine's PHP (run as root):
#   sudo ./install.sh
# Copies antom.so into PHP's extension_dir and antom.ini into every conf.d directory PHP scans
# (CLI, FPM, Apache), then checks that PHP loads it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
php=${PHP:-php}
api=$("$php" -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
if [ "$api" != "8.2" ]; then
  echo "install.sh: this antom.so is built for PHP 8.2; this PHP is $api" >&2
  exit 1
fi
ext_dir=$("$php" -r 'echo ini_get("extension_dir");')
install -m 0755 "$here/antom.so" "$ext_dir/antom.so"
found=0
for d in /etc/php/8.2/*/conf.d $("$php" --ini | sed -n 's/^Scan for additional .ini files in: //p' | tr ':' ' '); do
  if [ -d "$d" ] && [ ! -e "$d/20-antom.ini" ]; then
    install -m 0644 "$here/antom.ini" "$d/20-antom.ini"
    found=1
  fi
done
[ "$found" = 1 ] || echo "install.sh: no conf.d directory found; add 'extension=antom' to php.ini" >&2
"$php" -r 'exit(extension_loaded("antom") ? 0 : 1);'
echo "antom extension installed in $ext_dir"
