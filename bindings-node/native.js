// Loads the native addon. In a checkout, a local build (`npm run build`) sits next to this file;
// an installed package gets it from its platform package, @antom/antom-<platform>, whose name is
// under our npm scope so no one else can publish it. Either way the addon must be the exact
// version of this JS package: a mismatched binary is refused, never half-used.
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const { version } = require('./package.json')

// The targets that are published, and their packages. Nothing else is ever required: a name
// built from the running platform could name a package nobody reviewed.
const PUBLISHED = { 'linux-x64-gnu': '@antom/antom-linux-x64-gnu' }

function platformKey() {
  const { platform, arch } = process
  if (platform === 'linux' && arch === 'x64') {
    const report = process.report && typeof process.report.getReport === 'function' ? process.report.getReport() : null
    const glibc = report && report.header && report.header.glibcVersionRuntime
    return glibc ? 'linux-x64-gnu' : 'linux-x64-musl'
  }
  return `${platform}-${arch}`
}

// The platform package's folder, resolved from this package's own tree (its node_modules, then
// the folders above it, as npm installs it), and the addon file its package.json names.
function fromPlatformPackage(pkg) {
  let manifest
  try {
    manifest = require.resolve(`${pkg}/package.json`, { paths: [__dirname] })
  } catch {
    throw new Error(`antom: the native addon package ${pkg}@${version} is not installed next to antom; ` +
      'install it (npm installs it as an optional dependency), or build from source (see the README).')
  }
  const meta = JSON.parse(fs.readFileSync(manifest, 'utf8'))
  if (meta.name !== pkg || meta.version !== version) {
    throw new Error(`antom: ${manifest} is ${meta.name}@${meta.version}, but antom needs ${pkg}@${version}; install matching versions`)
  }
  const file = path.resolve(path.dirname(manifest), meta.main || '')
  if (path.dirname(file) !== path.dirname(manifest) || !file.endsWith('.node')) {
    throw new Error(`antom: ${pkg} names ${meta.main} as its addon; refusing to load it`)
  }
  return file
}

function load() {
  const key = platformKey()
  // A build from source (`npm run build`) for any platform sits next to this file.
  const local = path.join(__dirname, `antom.${key}.node`)
  let from = local
  if (!fs.existsSync(local)) {
    const pkg = PUBLISHED[key]
    if (!pkg) {
      throw new Error(`antom: no native addon for ${key}. The supported platform is ${Object.keys(PUBLISHED).join(', ')} ` +
        '(Linux x86_64 with glibc); on another platform build from source (see the README).')
    }
    from = fromPlatformPackage(pkg)
  }
  const addon = require(from)
  if (addon.VERSION !== version) {
    throw new Error(`antom: the native addon (${from}) is version ${addon.VERSION}, but antom is ${version}; refusing to load it`)
  }
  return addon
}

module.exports = load()
