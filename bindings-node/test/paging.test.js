'use strict'
// Auto-pagination against the in-process simulator: `for await` over every object, pages
// fetched as they are used up; a page that is not a verified S throws, never ends the list.
const test = require('node:test')
const assert = require('node:assert/strict')
const { Simulator } = require('../testing.js')

const HOLDS = 'payments.reserve.inquireHoldList'

test('listAll walks every page; listPage gives one page and its token', async () => {
  const sim = new Simulator()
  try {
    for (let i = 0; i < 5; i++) {
      const hold = await sim.client.call('payments.reserve.createHold', { holdRequestId: `js-page-${i}`, holdAmount: { currency: 'USD', value: '100' } })
      assert.ok(hold.isSuccess, hold.raw)
    }
    const ids = []
    for await (const hold of sim.client.listAll(HOLDS, { limit: 2 })) ids.push(hold.holdId)
    assert.equal(new Set(ids).size, 5)
    assert.deepEqual(ids, [...ids].sort())
    const sizes = []
    let page = null
    do {
      const r = await sim.client.listPage(HOLDS, { limit: 2 }, page)
      assert.ok(r.verified)
      sizes.push(r.items.length)
      page = r.nextPage
    } while (page != null)
    assert.deepEqual(sizes, [2, 2, 1])
    const other = await sim.client.call(HOLDS, { limit: 2 })
    assert.deepEqual([other.items, other.nextPage], [null, null])

    // A verified F: its code on the error.
    await assert.rejects(async () => { for await (const _ of sim.client.listAll(HOLDS, { limit: 500 })) { /* none */ } },
      (e) => e.code === 'INVALID_RESPONSE' && e.resultCode === 'PARAM_ILLEGAL')
    // The second page's signature is corrupted: the first page came, then the error.
    const walk = sim.client.listAll(HOLDS, { limit: 2 })[Symbol.asyncIterator]()
    assert.ok((await walk.next()).value.holdId)
    assert.ok((await walk.next()).value.holdId)
    await sim.armFault('/payments/reserve/inquireHoldList', 9903)
    await assert.rejects(walk.next(), (e) => e.code === 'SIGNATURE_MISMATCH')
    await assert.rejects(sim.client.listPage('payments.pay', {}), (e) => e.code === 'INVALID_INPUT')
  } finally {
    sim.close()
  }
})
