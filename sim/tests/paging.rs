//! Auto-pagination against the simulator over real HTTP: every object once, in order, across
//! pages; a page that is not a verified `S` ends the walk with an error, never a short list.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::*;
use futures_util::TryStreamExt;
use serde_json::{json, Value};

const HOLDS: &str = "payments.reserve.inquireHoldList";

async fn holds(client: &antom::Client, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let body = json!({"holdRequestId": format!("pg-{i}"), "holdAmount": {"currency": "USD", "value": "100"}});
        let hold = client
            .call("payments.reserve.createHold", body)
            .await
            .unwrap();
        ids.push(hold.data()["holdId"].as_str().unwrap().to_string());
    }
    ids.sort();
    ids
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|h| h["holdId"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_list_is_walked_page_by_page_to_its_end() {
    let sim = sim().await;
    let client = client(&sim);
    let created = holds(&client, 5).await;

    // By hand: three pages of 2, 2 and 1, each a verified S, the last without a token.
    let body = json!({"limit": 2});
    let mut page = client.list_page(HOLDS, &body, None).await.unwrap();
    let mut sizes = vec![page.items.len()];
    let mut seen = ids(&page.items);
    while let Some(next) = page.next.clone() {
        page = client.list_page(HOLDS, &body, Some(&next)).await.unwrap();
        assert!(page.response.verified() && page.response.is_success());
        sizes.push(page.items.len());
        seen.extend(ids(&page.items));
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(seen, created);

    // As a stream and as a blocking iterator: the same objects in the same order.
    let streamed: Vec<Value> = client
        .list(HOLDS, json!({"limit": 2}))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&streamed), created);
    let pages: Vec<antom::Page> = client
        .pages(HOLDS, json!({"limit": 2}))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let config = config(&sim).build().unwrap();
    let blocking = tokio::task::spawn_blocking(move || {
        let c = antom::blocking::Client::new(config).unwrap();
        c.list(HOLDS, json!({"limit": 3}))
            .collect::<antom::Result<Vec<Value>>>()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(ids(&blocking), created);
}

#[tokio::test]
async fn a_page_that_is_not_a_verified_success_is_an_error_never_an_empty_list() {
    let sim = sim().await;
    let client = client(&sim);
    holds(&client, 3).await;

    // A verified F (limit out of range): an error carrying Antom's code.
    let e = client
        .list(HOLDS, json!({"limit": 500}))
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::InvalidResponse);
    assert_eq!(e.result_code(), Some("PARAM_ILLEGAL"));

    // The second page's signature is corrupted: the first page's objects came, then the error.
    let mut items = Box::pin(client.list(HOLDS, json!({"limit": 2})));
    assert!(items.try_next().await.unwrap().is_some());
    assert!(items.try_next().await.unwrap().is_some());
    let (status, _) = post_json_body(
        &format!("{}/sim/faults", sim.info.url),
        json!({"path": "payments/reserve/inquireHoldList", "code": 9903, "count": 1}),
    )
    .await;
    assert_eq!(status, 200);
    let e = items.try_next().await.unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::SignatureMismatch);
    assert!(
        items.try_next().await.unwrap().is_none(),
        "the walk ends at the error"
    );

    // An endpoint that is not a list, a body that is not an object, a forged token.
    let e = client
        .list_page("payments.pay", json!({}), None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::InvalidInput);
    let e = client.list_page(HOLDS, json!([1]), None).await.unwrap_err();
    assert_eq!(e.kind(), antom::ErrorKind::InvalidInput);
    for token in [
        "{\"holdId\":\"x\"}",
        "not json",
        "{\"startingAfter\":\"a\",\"limit\":1}",
    ] {
        let e = client
            .list_page(HOLDS, json!({}), Some(token))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), antom::ErrorKind::InvalidInput, "{token}");
    }
}
