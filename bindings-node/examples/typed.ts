// Checked by `tsc --noEmit` in the test suite: the public types are precise.
import * as http from 'node:http'
import { AntomError, Client, NOTIFICATION_ACK, PayRequest, PayResponse, Response, ResultStatus, signRequest } from 'antom'

const client = new Client({ clientId: 'SANDBOX_X', privateKey: 'pem', antomPublicKey: 'pem', region: 'asia', maxRetries: 2 })

async function pay(): Promise<ResultStatus> {
  try {
    const order: PayRequest = {
      paymentRequestId: 'o1',
      paymentAmount: { currency: 'USD', value: '1000' },
      productCode: 'CASHIER_PAYMENT',
      paymentMethod: { paymentMethodType: 'ALIPAY_CN' },
    }
    const r: Response<PayResponse> = await client.pay(order)
    const paymentId: string | undefined = r.data.paymentId
    const value: string | undefined = r.data.paymentAmount?.value
    console.log(paymentId, value)
    // Only a verified F is a failure: an unverified F (anyone on the path could write one) is
    // as unknown as a U. Inquire or wait for the notification; never charge again.
    if (r.isSuccess) return 'S'
    if (r.isFailure) return 'F'
    return 'U'
  } catch (e) {
    if (e instanceof AntomError && e.code === 'OUTCOME_UNKNOWN') console.log('inquire with', e.idempotencyKey)
    throw e
  }
}

http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const n = client.verifyNotification(req.url ?? '/', req.headers, Buffer.concat(chunks))
    const kind: string = n.kind
    if (n.model === 'PayResultNotify') {
      // Narrowed by the model: the order, the payment and its amount, typed.
      const order: string | undefined = n.data.paymentRequestId
      const payment: string | undefined = n.data.paymentId
      const value: string | undefined = n.data.paymentAmount?.value
      console.log(order, payment, value)
    } else if (n.model === 'RefundNotify') {
      console.log(n.data.refundRequestId, n.data.refundAmount?.value)
    }
    res.end(kind ? NOTIFICATION_ACK : '')
  })
})

const header: string = signRequest('pem', 'POST', '/p', 'c', 't', '{}')
void pay
void header
