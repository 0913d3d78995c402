//! A list whose cursors come back around (A, B, A, ...) ends with an error a page after the
//! circle closes, never in an endless walk: every page is genuine and signed, only the order is
//! hostile. The watch travels in the token, so every binding's iterator gets it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::server;

use std::time::Duration;

use antom::{Client, Config, ErrorKind};
use common::*;
use futures_util::StreamExt;
use serde_json::{json, Value};
use server::{Reply, Server};

#[tokio::test]
async fn cursors_that_go_round_end_the_walk_with_an_error() {
    let key = private_key();
    let server = Server::start(move |req, _| {
        let asked: Value = serde_json::from_slice(&req.body).unwrap();
        // Start -> A -> B -> A -> B ...
        let id = if asked["startingAfter"] == json!("A") {
            "B"
        } else {
            "A"
        };
        let body = json!({
            "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
            "holdDetails": [{"holdId": id}],
            "hasMore": true,
        });
        Reply::signed(req, &key, &body.to_string())
    })
    .await;
    let config = Config::builder("C1", merchant_private_key(), public_key())
        .gateway_url(server.url())
        .max_retries(0)
        .build()
        .unwrap();
    let client = Client::new(config).unwrap();

    // Page by page, as every binding's iterator walks: the token alone catches the circle.
    let body = json!({"holdRequestId": "h"});
    let mut token: Option<String> = None;
    let mut pages = 0;
    let err = loop {
        match client
            .list_page("payments.reserve.inquireHoldList", &body, token.as_deref())
            .await
        {
            Ok(page) => {
                pages += 1;
                assert!(pages < 10, "the circle was not caught");
                token = page.next;
            }
            Err(e) => break e,
        }
    };
    assert_eq!(err.kind(), ErrorKind::InvalidResponse);
    assert!(err.message().contains("came round again"), "{err}");

    let walk = client.list(
        "payments.reserve.inquireHoldList",
        json!({"holdRequestId": "h"}),
    );
    let got: Vec<antom::Result<Value>> =
        tokio::time::timeout(Duration::from_secs(20), walk.collect())
            .await
            .expect("the walk must end");
    let ids: Vec<&str> = got
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|h| h["holdId"].as_str().unwrap())
        .collect();
    // The circle is seen one page after it closes: A comes twice, then the walk ends.
    assert_eq!(ids, ["A", "B", "A"]);
    let err = got.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidResponse);
    assert!(err.message().contains("came round again"), "{err}");
}
