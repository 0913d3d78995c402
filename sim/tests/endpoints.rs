//! The endpoints beyond the payment lifecycle, against the simulator over real HTTP:
//! missed-webhook recovery, the multipart image upload, metered usage over HTTP/2, and
//! Hold/Release with mandates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn missed_webhooks_are_recovered_as_the_same_notifications() {
    let sim = sim().await;
    let client = client(&sim);
    // The merchant's endpoint is down for every attempt: nothing is ever acked.
    let hook = Webhook::start(client.clone(), usize::MAX).await;
    let from = "2000-01-01T00:00:00Z";
    let mut paid = Vec::new();
    for i in 0..3 {
        let id = format!("rec-{i}");
        let pay = client
            .pay(pay_body(&id, "700", Some(&hook.url)))
            .await
            .unwrap();
        let pid = pay.data()["paymentId"].as_str().unwrap().to_string();
        post_json(&format!("{}/sim/payments/{pid}/complete", sim.info.url)).await;
        paid.push(id);
    }
    // Redeliveries come fast at this time scale: wait until every payment's has arrived.
    let mut delivered = Vec::new();
    for n in 3..400 {
        delivered = hook.wait_for(n).await;
        let ids: std::collections::HashSet<_> = delivered
            .iter()
            .flatten()
            .map(|d| d.data["paymentRequestId"].clone())
            .collect();
        if ids.len() == 3 {
            break;
        }
    }
    let recovered = client
        .recover_notifications(from, "2999-01-01T00:00:00Z")
        .await
        .unwrap();
    assert_eq!(recovered.len(), 3);
    for (n, id) in recovered.iter().zip(&paid) {
        assert_eq!(
            (n.kind.as_str(), n.model),
            ("PAYMENT_RESULT", "PayResultNotify")
        );
        assert_eq!(n.data["paymentRequestId"], json!(id));
        let typed: antom::models::PayResultNotify = n.typed().unwrap();
        // The schema now types what a handler matches a notification to its order with.
        assert_eq!(typed.payment_request_id.as_deref(), Some(id.as_str()));
        assert!(typed.payment_id.is_some() && typed.payment_amount.is_some());
        // Exactly what the webhook saw for that payment.
        let seen = delivered
            .iter()
            .flatten()
            .find(|d| d.data["paymentRequestId"] == json!(id))
            .unwrap();
        assert_eq!(seen.data, n.data);
    }
    // Pages: the list endpoint by hand, two at a time, and one event by id.
    let page = client
        .call("notification.inquireNotificationList", json!({"limit": 2}))
        .await
        .unwrap();
    assert!(page.verified() && page.data()["hasMore"] == json!(true));
    let next = page.data()["nextStartingAfter"]
        .as_str()
        .unwrap()
        .to_string();
    let rest = client
        .call(
            "notification.inquireNotificationList",
            json!({"limit": 2, "startingAfter": next}),
        )
        .await
        .unwrap();
    assert_eq!(rest.data()["notifications"].as_array().unwrap().len(), 1);
    let one = client
        .call("notification.inquireNotification", json!({"eventId": next}))
        .await
        .unwrap();
    assert_eq!(one.data()["notification"]["eventId"], json!(next));
    // A window with nothing in it is an empty list, not an error.
    assert!(client
        .recover_notifications("1999-01-01T00:00:00Z", "1999-12-31T00:00:00Z")
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn product_images_upload_as_signed_multipart_bound_by_sha256() {
    let sim = sim().await;
    let client = antom::Client::new(
        config(&sim)
            .upload_url(sim.info.url.clone())
            .build()
            .unwrap(),
    )
    .unwrap();
    let image: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let r = client
        .upload_product_image("prod-1", "tea.png", &image)
        .await
        .unwrap();
    assert!(r.verified() && r.is_success(), "{}", r.raw());
    assert_eq!(r.data()["fileSha256"], json!(antom::file_sha256(&image)));
    let seen = get_json(&format!("{}/sim/requests", sim.info.url)).await;
    let last = seen["requests"].as_array().unwrap().last().unwrap().clone();
    assert!(last["headers"]["content-type"]
        .as_str()
        .unwrap()
        .starts_with("multipart/form-data; boundary="));
    assert!(
        last["bodyBytes"].as_u64().unwrap() > 200_000,
        "the image travels twice"
    );

    // Too large: refused before anything is sent.
    let before = seen["requests"].as_array().unwrap().len();
    let big = vec![0u8; antom::MAX_IMAGE_BYTES + 1];
    let e = client
        .upload_product_image("prod-1", "big.png", &big)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::InvalidInput);
    let e = client
        .upload_product_image("prod-1", "a\"b.png", &image)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::InvalidInput);
    let seen = get_json(&format!("{}/sim/requests", sim.info.url)).await;
    assert_eq!(seen["requests"].as_array().unwrap().len(), before);

    // A gateway without a known upload gateway needs upload_url.
    let e = common::client(&sim)
        .upload_product_image("prod-1", "tea.png", &image)
        .await
        .unwrap_err();
    assert!(e.message().contains("set upload_url"), "{e}");

    // The simulator holds the binding: a signed JSON naming another image's hash is refused.
    let key =
        antom::PrivateKey::from_file(sim.info.merchant_private_key_file.as_ref().unwrap()).unwrap();
    let json_part = format!(
        r#"{{"productId":"prod-1","fileSha256":"{}"}}"#,
        antom::file_sha256(b"another image")
    );
    let path = "/ams/sandbox/api/v1/billing/product/uploadImage";
    let path = if sim.info.client_id.starts_with("SANDBOX_") {
        path
    } else {
        "/ams/api/v1/billing/product/uploadImage"
    };
    let time = "1700000000000";
    let sig = antom::Signer::new(key, 1)
        .sign(
            "POST",
            path,
            &sim.info.client_id,
            time,
            json_part.as_bytes(),
        )
        .unwrap();
    let form = format!(
        "--B\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n{json_part}\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nimage\r\n--B\r\nContent-Disposition: form-data; name=\"imageFile\"; filename=\"x\"\r\n\r\nimage\r\n--B--\r\n"
    );
    let resp = reqwest::Client::new()
        .post(format!("{}{path}", sim.info.url))
        .header("content-type", "multipart/form-data; boundary=B")
        .header("client-id", &sim.info.client_id)
        .header("request-time", time)
        .header("signature", sig)
        .body(form)
        .send()
        .await
        .unwrap();
    let text = resp.text().await.unwrap();
    assert!(
        text.contains("INVALID_SIGNATURE") && text.contains("fileSha256"),
        "{text}"
    );
}

#[tokio::test]
async fn usage_events_go_over_http2_unsigned_in_a_session_once() {
    let sim = sim().await;
    let client = client(&sim);
    let session = client.create_meter_session("meter-req-1").await.unwrap();
    assert!(session.starts_with("SIMSESSION"));
    let batch = json!({"meters": [{"eventName": "api_calls", "events": [
        {"eventTimestamp": 1_700_000_000_000u64, "idempotencyKey": "ev-1", "payload": {"value": "3"}},
        {"eventTimestamp": 1_700_000_000_001u64, "idempotencyKey": "ev-2", "payload": {"value": "4"}}
    ]}]});
    let r = client
        .upload_meter_events(&session, batch.clone())
        .await
        .unwrap();
    assert!(r.is_success() && !r.verified(), "{}", r.raw());
    assert_eq!(r.attempts(), 1);
    let seen = get_json(&format!("{}/sim/requests", sim.info.url)).await;
    let last = seen["requests"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["httpVersion"], json!("HTTP/2.0"));
    assert_eq!(last["headers"]["x-session-id"], json!(session));
    assert!(last["headers"].get("signature").is_none());
    assert!(last["path"]
        .as_str()
        .unwrap()
        .ends_with("/ams/api/v1/meter/uploadEvent"));

    // A session the simulator never opened is refused; CR/LF never leaves the client.
    let r = client
        .upload_meter_events("SIMSESSION-forged", batch.clone())
        .await
        .unwrap();
    assert_eq!(r.result_code(), "SESSION_INVALID");
    let e = client
        .upload_meter_events("s\r\nX-Injected: 1", batch.clone())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::InvalidInput);

    // The events were counted but the answer is a 5xx or unreadable: the outcome is unknown,
    // never a failure (and never retried). A 4xx-style refusal above stays a plain answer.
    for code in [9905, 9908] {
        let (status, _) = post_json_body(
            &format!("{}/sim/faults", sim.info.url),
            json!({"code": code, "path": "meter/uploadEvent"}),
        )
        .await;
        assert_eq!(status, 200);
        let e = client
            .upload_meter_events(&session, batch.clone())
            .await
            .unwrap_err();
        assert!(e.is_outcome_unknown(), "fault {code}: {e}");
        assert_eq!(e.attempts(), Some(1), "never retried");
        if code == 9905 {
            assert_eq!(e.http_status(), Some(500));
            assert_eq!(
                e.result_code(),
                Some("UNKNOWN_EXCEPTION"),
                "the code is kept"
            );
        }
    }

    // Plain HTTP/1.1 is refused by the simulator, as Antom refuses it.
    let plain = reqwest::Client::new()
        .post(format!("{}/ams/api/v1/meter/uploadEvent", sim.info.url))
        .header("x-session-id", &session)
        .body(batch.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status().as_u16(), 505);
}

#[tokio::test]
async fn holds_release_only_what_they_keep_and_creates_are_idempotent() {
    let sim = sim().await;
    let client = client(&sim);
    let hold_body =
        json!({"holdRequestId": "hold-1", "holdAmount": {"currency": "USD", "value": "1000"}});
    let hold = client
        .call("payments.reserve.createHold", hold_body.clone())
        .await
        .unwrap();
    assert!(hold.verified() && hold.is_success(), "{}", hold.raw());
    let hold_id = hold.data()["holdId"].as_str().unwrap().to_string();
    // The same request id again: the same hold; with another amount: refused.
    let again = client
        .call("payments.reserve.createHold", hold_body)
        .await
        .unwrap();
    assert_eq!(again.data()["holdId"], json!(hold_id));
    let other = client
        .call(
            "payments.reserve.createHold",
            json!({"holdRequestId": "hold-1", "holdAmount": {"currency": "USD", "value": "999"}}),
        )
        .await
        .unwrap();
    assert_eq!(other.result_code(), "REPEAT_REQ_INCONSISTENT");

    let release = |id: &str, value: &str| json!({"holdId": hold_id, "releaseRequestId": id, "releaseAmount": {"currency": "USD", "value": value}});
    let r1 = client
        .call("payments.reserve.createRelease", release("rel-1", "600"))
        .await
        .unwrap();
    assert!(r1.is_success() && r1.data()["releaseStatus"] == json!("SUCCESS"));
    let too_much = client
        .call("payments.reserve.createRelease", release("rel-2", "500"))
        .await
        .unwrap();
    assert_eq!(too_much.result_code(), "RELEASE_AMOUNT_EXCEED_LIMIT");
    // A retried release is not released twice.
    client
        .call("payments.reserve.createRelease", release("rel-1", "600"))
        .await
        .unwrap();
    let list = client
        .call(
            "payments.reserve.inquireHoldList",
            json!({"holdId": hold_id}),
        )
        .await
        .unwrap();
    let detail = &list.data()["holdDetails"][0];
    assert_eq!(detail["releasableAmount"]["value"], json!("400"));
    assert_eq!(detail["releaseStatus"], json!("PARTIALLY_RELEASED"));
    let r3 = client
        .call("payments.reserve.createRelease", release("rel-3", "400"))
        .await
        .unwrap();
    assert!(r3.is_success());
    let inq = client
        .call(
            "payments.reserve.inquireRelease",
            json!({"releaseRequestId": "rel-3"}),
        )
        .await
        .unwrap();
    assert_eq!(inq.data()["releaseAmount"]["value"], json!("400"));
    let unknown = client
        .call("payments.reserve.createRelease", json!({"holdId": "HOLD-none", "releaseRequestId": "rel-x", "releaseAmount": {"currency": "USD", "value": "1"}}))
        .await
        .unwrap();
    assert_eq!(unknown.result_code(), "HOLD_NOT_EXIST");

    let rule = client
        .call(
            "payments.reserve.createRule",
            json!({"fundsType": "COLLATERAL", "ratio": 10, "takeType": "ROLLING"}),
        )
        .await
        .unwrap();
    let rule_id = rule.data()["ruleId"].as_str().unwrap().to_string();
    let cancelled = client
        .call("payments.reserve.cancelRule", json!({"ruleId": rule_id}))
        .await
        .unwrap();
    assert_eq!(cancelled.data()["ruleStatus"], json!("DISABLED"));
    let rules = client
        .call("payments.reserve.inquireRuleList", json!({}))
        .await
        .unwrap();
    assert_eq!(rules.data()["rules"].as_array().unwrap().len(), 1);

    let mandate = json!({"mandateRequestId": "mandate-1", "paymentAmount": {"currency": "USD", "value": "100"}});
    let m1 = client
        .call("payments.createMandate", mandate.clone())
        .await
        .unwrap();
    let m2 = client
        .call("payments.createMandate", mandate)
        .await
        .unwrap();
    assert!(m1.is_success() && m1.data()["mandateId"] == m2.data()["mandateId"]);
}
