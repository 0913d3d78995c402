// `npm install` hook: use a prebuilt addon when one is present (the per-platform package or a
// local build), otherwise compile it from source with cargo (Rust >= 1.85 required).
'use strict'
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const local = path.join(root, 'antom.linux-x64-gnu.node')

function hasPrebuilt() {
  if (fs.existsSync(local)) return true
  try {
    require.resolve('antom-linux-x64-gnu')
    return true
  } catch {
    return false
  }
}

if (process.env.ANTOM_SKIP_NATIVE_BUILD || hasPrebuilt()) process.exit(0)
console.log('antom: compiling the native addon with cargo (release)...')
execFileSync('cargo', ['build', '--release', '-p', 'antom-node'], { cwd: root, stdio: 'inherit' })
const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: root }))
fs.copyFileSync(path.join(meta.target_directory, 'release', 'libantom_node.so'), local)
console.log(`antom: built ${path.basename(local)}`)
