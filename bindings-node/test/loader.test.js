'use strict'
// native.js as an installed package meets it: the platform package resolved from antom's own
// tree and checked, an unpublished platform refused with a clear error and nothing required by
// a computed name. Each case runs in a child process over a copy of the package.
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const PKG = path.join(__dirname, '..')
const ADDON = path.join(PKG, 'antom.linux-x64-gnu.node')
const { version } = require('../package.json')

// A folder holding `node_modules/antom` with only native.js and package.json (no local build).
function installed(t) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'antom-loader-'))
  t.after(() => fs.rmSync(root, { recursive: true, force: true }))
  const dir = path.join(root, 'node_modules', 'antom')
  fs.mkdirSync(dir, { recursive: true })
  for (const f of ['native.js', 'package.json']) fs.copyFileSync(path.join(PKG, f), path.join(dir, f))
  return { root, dir }
}

function platformPackage(root, meta) {
  const dir = path.join(root, 'node_modules', '@antom', 'antom-linux-x64-gnu')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@antom/antom-linux-x64-gnu', version, main: 'antom.linux-x64-gnu.node', ...meta }))
  fs.copyFileSync(ADDON, path.join(dir, 'antom.linux-x64-gnu.node'))
}

// Loads native.js in a child; `prelude` runs first (to pretend another platform). Every
// require() of a package name is logged to stderr.
function load(dir, prelude = '') {
  const script = `${prelude}
const Module = require('node:module'); const orig = Module._load
Module._load = function (req, ...rest) { if (!req.startsWith('.') && !req.startsWith('/') && !req.startsWith('node:')) console.error('REQUIRE ' + req); return orig.call(this, req, ...rest) }
const a = require(${JSON.stringify(path.join(dir, 'native.js'))}); console.log('LOADED ' + a.VERSION)`
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
}

test('the platform package is found in antom\'s own tree and checked', (t) => {
  const { root, dir } = installed(t)
  let r = load(dir)
  assert.notEqual(r.status, 0)
  assert.match(r.stderr, /@antom\/antom-linux-x64-gnu@0\.1\.0 is not installed next to antom/)
  platformPackage(root, {})
  r = load(dir)
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, new RegExp(`LOADED ${version}`))
  assert.doesNotMatch(r.stderr, /REQUIRE/, 'the addon is loaded by its resolved file, not by a name')
  // A platform package of another version, or one that names a file outside itself, is refused.
  platformPackage(root, { version: '9.9.9' })
  assert.match(load(dir).stderr, /antom needs @antom\/antom-linux-x64-gnu@0\.1\.0/)
  platformPackage(root, { main: '../../../evil.node' })
  assert.match(load(dir).stderr, /refusing to load it/)
})

test('a build from source for any platform is loaded from beside native.js', (t) => {
  const { dir } = installed(t)
  // (The addon built here, under the name a build on another platform would have.)
  fs.copyFileSync(ADDON, path.join(dir, 'antom.darwin-arm64.node'))
  const r = load(dir, "Object.defineProperty(process, 'platform', { value: 'darwin' }); Object.defineProperty(process, 'arch', { value: 'arm64' })")
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, new RegExp(`LOADED ${version}`))
})

test('an unpublished platform is refused by name, with nothing required', (t) => {
  const { dir } = installed(t)
  for (const [platform, arch] of [['darwin', 'arm64'], ['win32', 'x64'], ['linux', 'arm64']]) {
    const r = load(dir, `Object.defineProperty(process, 'platform', { value: '${platform}' }); Object.defineProperty(process, 'arch', { value: '${arch}' })`)
    assert.notEqual(r.status, 0)
    assert.match(r.stderr, new RegExp(`no native addon for ${platform}-${arch}\\. The supported platform is linux-x64-gnu`))
    assert.doesNotMatch(r.stderr, /REQUIRE @antom/, `${platform}-${arch}: no package was required`)
  }
})
