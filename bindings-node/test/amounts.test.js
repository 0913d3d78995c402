'use strict'
// Amounts by currency, from the shared table every binding runs (tests/amounts.json).
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const antom = require('..')

const table = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'amounts.json'), 'utf8'))

test('round trips by each currency exponent', () => {
  for (const [currency, decimal, minor] of table.round_trip) {
    assert.equal(antom.toMinorUnits(currency, decimal), minor)
    assert.equal(antom.fromMinorUnits(currency, minor), decimal)
  }
  for (const [currency, decimal, minor] of table.to_minor) assert.equal(antom.toMinorUnits(currency, decimal), minor)
  for (const [currency, minor, decimal] of table.from_minor) assert.equal(antom.fromMinorUnits(currency, minor), decimal)
})

test('what cannot be exact is an INVALID_INPUT error, never rounded', () => {
  for (const [currency, decimal] of table.to_minor_refused) {
    assert.throws(() => antom.toMinorUnits(currency, decimal), (err) => err instanceof antom.AntomError && err.code === 'INVALID_INPUT', `${currency} ${decimal}`)
  }
  for (const [currency, minor] of table.from_minor_refused) {
    assert.throws(() => antom.fromMinorUnits(currency, minor), (err) => err.code === 'INVALID_INPUT', `${currency} ${minor}`)
  }
  // A number is never taken: 19.99 as a float is not exactly 19.99.
  assert.throws(() => antom.toMinorUnits('USD', 19.99))
})
