//! End to end over real HTTP: the payment lifecycle, idempotency, notifications with
//! redelivery, the checkout page and the sim control API.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use antom::ResultStatus;
use common::*;
use serde_json::json;

#[tokio::test]
async fn whole_flow_pay_complete_notify_inquire_refund() {
    let sim = sim().await;
    let client = client(&sim);
    let hook = Webhook::start(client.clone(), 0).await;
    let pay = client
        .pay(pay_body("o-1", "1000", Some(&hook.url)))
        .await
        .unwrap();
    assert_eq!(
        (pay.result_status(), pay.result_code()),
        (ResultStatus::Unknown, "PAYMENT_IN_PROCESS")
    );
    assert!(pay.verified());
    assert_eq!(pay.path(), "/ams/sandbox/api/v1/payments/pay");
    let payment_id = pay.data()["paymentId"].as_str().unwrap().to_string();
    assert!(pay.data()["normalUrl"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/checkout/{payment_id}")));
    let inq = client
        .inquiry_payment(json!({"paymentId": payment_id}))
        .await
        .unwrap();
    assert_eq!(inq.data()["paymentStatus"], "PROCESSING");

    let (status, body) = post_json(&format!(
        "{}/sim/payments/{payment_id}/complete",
        sim.info.url
    ))
    .await;
    assert_eq!(
        (status, body["paymentStatus"].as_str()),
        (200, Some("SUCCESS"))
    );
    let got = hook.wait_for(1).await;
    let n = got[0].as_ref().unwrap();
    assert_eq!(
        (n.kind.as_str(), n.data["paymentId"].as_str()),
        ("PAYMENT_RESULT", Some(payment_id.as_str()))
    );
    assert_eq!(n.result.as_ref().unwrap().status, ResultStatus::Success);

    let inq = client
        .inquire_payment_until_final("o-1", std::time::Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(inq.data()["paymentStatus"], "SUCCESS");

    let refund = |id: &str, value: &str| json!({"refundRequestId": id, "paymentId": payment_id, "refundAmount": {"currency": "USD", "value": value}, "refundNotifyUrl": hook.url});
    let r1 = client.refund(refund("r-1", "600")).await.unwrap();
    assert!(r1.is_success() && r1.verified());
    let again = client.refund(refund("r-1", "600")).await.unwrap();
    assert_eq!(
        again.data()["refundId"],
        r1.data()["refundId"],
        "same key, same refund"
    );
    let over = client.refund(refund("r-2", "401")).await.unwrap();
    assert_eq!(
        (over.result_status(), over.result_code()),
        (ResultStatus::Failure, "REFUND_AMOUNT_EXCEED")
    );
    let r3 = client.refund(refund("r-3", "400")).await.unwrap();
    assert!(r3.is_success(), "refunding exactly the rest is allowed");
    let inconsistent = client.refund(refund("r-1", "500")).await.unwrap();
    assert_eq!(inconsistent.result_code(), "REPEAT_REQ_INCONSISTENT");
    let ir = client
        .inquiry_refund(json!({"refundRequestId": "r-1"}))
        .await
        .unwrap();
    assert_eq!(
        (
            ir.data()["refundStatus"].as_str(),
            ir.data()["refundAmount"]["value"].as_str()
        ),
        (Some("SUCCESS"), Some("600"))
    );
    let kinds: Vec<String> = hook
        .wait_for(3)
        .await
        .into_iter()
        .map(|n| n.unwrap().kind)
        .collect();
    assert_eq!(kinds, ["PAYMENT_RESULT", "REFUND_RESULT", "REFUND_RESULT"]);
    sim.shutdown().await;
}

#[tokio::test]
async fn pay_is_idempotent_on_payment_request_id() {
    let sim = sim().await;
    let client = client(&sim);
    let a = client.pay(pay_body("o-2", "1000", None)).await.unwrap();
    let b = client.pay(pay_body("o-2", "1000", None)).await.unwrap();
    assert_eq!(a.data()["paymentId"], b.data()["paymentId"]);
    let c = client.pay(pay_body("o-2", "1001", None)).await.unwrap();
    assert_eq!(
        (c.result_status(), c.result_code()),
        (ResultStatus::Failure, "REPEAT_REQ_INCONSISTENT")
    );
    assert!(c.verified());
}

#[tokio::test]
async fn agreement_payments_succeed_at_once_and_can_be_captured() {
    let sim = sim().await;
    let client = client(&sim);
    let hook = Webhook::start(client.clone(), 0).await;
    let mut body = pay_body("o-3", "2000", Some(&hook.url));
    body["productCode"] = json!("AGREEMENT_PAYMENT");
    let missing = client.pay(body.clone()).await.unwrap();
    assert_eq!(missing.result_code(), "PARAM_ILLEGAL");
    assert!(missing.result_message().contains("paymentMethodId"));
    body["paymentMethod"]["paymentMethodId"] = json!("token-1");
    let pay = client.pay(body.clone()).await.unwrap();
    assert!(pay.is_success() && pay.verified());
    let payment_id = pay.data()["paymentId"].as_str().unwrap();
    let capture = |id: &str, v: &str| json!({"captureRequestId": id, "paymentId": payment_id, "captureAmount": {"currency": "USD", "value": v}});
    let c = client.capture(capture("c-1", "2000")).await.unwrap();
    assert!(c.is_success());
    assert_eq!(
        client.capture(capture("c-1", "2000")).await.unwrap().data()["captureId"],
        c.data()["captureId"]
    );
    assert_eq!(
        client
            .capture(capture("c-2", "1"))
            .await
            .unwrap()
            .result_code(),
        "CAPTURE_AMOUNT_EXCEED"
    );
    let kinds: Vec<String> = hook
        .wait_for(2)
        .await
        .into_iter()
        .map(|n| n.unwrap().kind)
        .collect();
    assert_eq!(kinds, ["PAYMENT_RESULT", "CAPTURE_RESULT"]);
}

#[tokio::test]
async fn decline_and_cancel_follow_the_lifecycle() {
    let sim = sim().await;
    let client = client(&sim);
    let hook = Webhook::start(client.clone(), 0).await;
    let pay = client
        .pay(pay_body("o-4", "1000", Some(&hook.url)))
        .await
        .unwrap();
    let id = pay.data()["paymentId"].as_str().unwrap().to_string();
    post_json(&format!("{}/sim/payments/{id}/decline", sim.info.url)).await;
    let n = hook.wait_for(1).await.remove(0).unwrap();
    assert_eq!(n.result.unwrap().status, ResultStatus::Failure);
    assert_eq!(
        client
            .inquiry_payment(json!({"paymentRequestId": "o-4"}))
            .await
            .unwrap()
            .data()["paymentStatus"],
        "FAIL"
    );
    let (status, _) = post_json(&format!("{}/sim/payments/{id}/complete", sim.info.url)).await;
    assert_eq!(status, 409, "a failed payment cannot be completed");
    assert_eq!(
        client
            .cancel(json!({"paymentRequestId": "o-4"}))
            .await
            .unwrap()
            .result_code(),
        "ORDER_STATUS_INVALID"
    );

    client.pay(pay_body("o-5", "1000", None)).await.unwrap();
    let c = client
        .cancel(json!({"paymentRequestId": "o-5"}))
        .await
        .unwrap();
    assert!(c.is_success());
    assert_eq!(
        client
            .inquiry_payment(json!({"paymentRequestId": "o-5"}))
            .await
            .unwrap()
            .data()["paymentStatus"],
        "CANCELLED"
    );
    let r = client.refund(json!({"refundRequestId": "x", "paymentId": c.data()["paymentId"], "refundAmount": {"currency": "USD", "value": "1"}})).await.unwrap();
    assert_eq!(r.result_code(), "ORDER_STATUS_INVALID");
    assert_eq!(
        client
            .inquiry_payment(json!({"paymentRequestId": "nope"}))
            .await
            .unwrap()
            .result_code(),
        "ORDER_NOT_EXIST"
    );
}

#[tokio::test]
async fn notifications_are_redelivered_until_acked() {
    let sim = sim().await;
    let client = client(&sim);
    let hook = Webhook::start(client.clone(), 2).await;
    let pay = client
        .pay(pay_body("o-6", "1000", Some(&hook.url)))
        .await
        .unwrap();
    let id = pay.data()["paymentId"].as_str().unwrap();
    post_json(&format!("{}/sim/payments/{id}/complete", sim.info.url)).await;
    let got = hook.wait_for(3).await;
    assert_eq!(got.len(), 3);
    assert!(
        got.iter()
            .all(|n| n.as_ref().unwrap().data["paymentId"] == id),
        "the same notification each time"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let log = get_json(&format!("{}/sim/notifications", sim.info.url)).await;
    let attempts: Vec<(u64, bool)> = log["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["attempt"].as_u64().unwrap(),
                d["acked"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(attempts, [(1, false), (2, false), (3, true)]);
    assert_eq!(
        hook.received.lock().unwrap().len(),
        3,
        "no delivery after the ack"
    );
}

#[tokio::test]
async fn the_checkout_page_completes_a_payment() {
    let sim = sim().await;
    let client = client(&sim);
    let pay = client.pay(pay_body("o-7", "1234", None)).await.unwrap();
    let url = pay.data()["normalUrl"].as_str().unwrap().to_string();
    let page = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(
        page.contains("id=\"pay\"") && page.contains("USD 12.34") && page.contains("PROCESSING")
    );
    let done = reqwest::Client::new()
        .post(format!("{url}/pay"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(done.contains("Payment SUCCESS"), "{done}");
    assert_eq!(
        client
            .inquiry_payment(json!({"paymentRequestId": "o-7"}))
            .await
            .unwrap()
            .data()["paymentStatus"],
        "SUCCESS"
    );
    assert_eq!(
        reqwest::get(format!("{}/checkout/nope", sim.info.url))
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn consult_and_payment_sessions() {
    let sim = sim().await;
    let client = client(&sim);
    let c = client.consult(json!({"productCode": "CASHIER_PAYMENT", "paymentAmount": {"currency": "USD", "value": "100"}})).await.unwrap();
    assert!(c.is_success() && c.data()["paymentOptions"].as_array().unwrap().len() >= 2);
    let s = client
        .create_payment_session(pay_body("o-8", "500", None))
        .await
        .unwrap();
    assert!(s.is_success() && s.data()["paymentSessionData"].as_str().unwrap().len() >= 32);
    assert!(s.data()["paymentSessionExpiryTime"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
}

#[tokio::test]
async fn every_catalog_endpoint_answers_signed() {
    let sim = sim().await;
    let client = client(&sim);
    for e in antom::catalog::all() {
        if e.wire_format != antom::catalog::WireFormat::Json
            || e.name.starts_with("payments.")
                && [
                    "pay",
                    "consult",
                    "inquiryPayment",
                    "cancel",
                    "capture",
                    "refund",
                    "inquiryRefund",
                    "createPaymentSession",
                ]
                .contains(&e.alias.unwrap_or(""))
        {
            continue;
        }
        // Answered from state (holds, mandates, the notification log): a signed F is an answer.
        let stateful = e.name.starts_with("notification.")
            || e.name.starts_with("payments.reserve.")
            || e.name == "payments.createMandate";
        let mut body = json!({"note": "sim"});
        if let Some(f) = e.idempotency_field {
            if !stateful {
                let r = client.call(e.name, body.clone()).await.unwrap();
                assert_eq!(r.result_code(), "PARAM_ILLEGAL", "{} without {f}", e.name);
            }
            body[f] = json!(format!("key-{}", e.name));
        }
        let r = client
            .call(e.name, body)
            .await
            .unwrap_or_else(|err| panic!("{}: {err}", e.name));
        assert!(r.verified(), "{}: {}", e.name, r.raw());
        assert!(stateful || r.is_success(), "{}: {}", e.name, r.raw());
    }
}

#[tokio::test]
async fn typed_models_pay_and_refund_through_the_simulator() {
    use antom::models::{
        Amount, PayQueryRequest, PayRequest, PaymentMethod, ProductCodeType, RefundRequest,
    };
    let sim = antom_sim::Simulator::start(antom_sim::Options::default())
        .await
        .unwrap();
    let client = client(&sim);
    let usd = |v: &str| Amount {
        currency: Some("USD".into()),
        value: Some(v.into()),
        ..Default::default()
    };
    let pay = client
        .pay(PayRequest {
            payment_request_id: Some("typed-rs-1".into()),
            payment_amount: Some(usd("1000")),
            product_code: Some(ProductCodeType::CashierPayment),
            payment_method: Some(PaymentMethod {
                payment_method_type: Some("ALIPAY_CN".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(pay.verified());
    let paid = pay.model().unwrap();
    let payment_id = paid.payment_id.clone().unwrap();
    assert_eq!(paid.payment_amount.unwrap().value.as_deref(), Some("1000"));
    post_json(&format!(
        "{}/sim/payments/{payment_id}/complete",
        sim.info.url
    ))
    .await;
    let inquiry = client
        .inquiry_payment(PayQueryRequest {
            payment_request_id: Some("typed-rs-1".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        inquiry.model().unwrap().payment_status,
        Some(antom::models::TransactionStatusType::Success)
    );
    let refund = client
        .refund(RefundRequest {
            refund_request_id: Some("typed-rs-1-r".into()),
            payment_id: Some(payment_id),
            refund_amount: Some(usd("400")),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(refund.is_success() && refund.model().unwrap().refund_id.is_some());
}
