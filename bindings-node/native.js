// Loads the native addon. In a checkout, a local build (`npm run build`) sits next to this file;
// an installed package gets it from its platform package, @antom/antom-<platform>, whose name is
// under our npm scope so no one else can publish it. Either way the addon must be the exact
// version of this JS package: a mismatched binary is refused, never half-used.
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const { version } = require('./package.json')

function platformKey() {
  const { platform, arch } = process
  if (platform === 'linux' && arch === 'x64') {
    const report = process.report && typeof process.report.getReport === 'function' ? process.report.getReport() : null
    const glibc = report && report.header && report.header.glibcVersionRuntime
    return glibc ? 'linux-x64-gnu' : 'linux-x64-musl'
  }
  return `${platform}-${arch}`
}

function load() {
  const key = platformKey()
  const local = path.join(__dirname, `antom.${key}.node`)
  let addon
  let from
  if (fs.existsSync(local)) {
    addon = require(local)
    from = local
  } else {
    const pkg = `@antom/antom-${key}`
    let pkgVersion
    try {
      pkgVersion = require(`${pkg}/package.json`).version
    } catch {
      throw new Error(`antom: no native addon for ${key}. The supported platform is linux-x64-gnu (glibc); ` +
        `install ${pkg}@${version} next to antom, or build from source (see the README).`)
    }
    if (pkgVersion !== version) {
      throw new Error(`antom: ${pkg} is version ${pkgVersion}, but antom is ${version}; install matching versions`)
    }
    addon = require(pkg)
    from = pkg
  }
  if (addon.VERSION !== version) {
    throw new Error(`antom: the native addon (${from}) is version ${addon.VERSION}, but antom is ${version}; refusing to load it`)
  }
  return addon
}

module.exports = load()
