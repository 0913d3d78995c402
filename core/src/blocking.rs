//! A blocking facade over the async client, owning its runtime. The bindings for languages
//! without an event loop of ours (C ABI, PHP) build on it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::client::{Client as AsyncClient, Response};
use crate::config::Config;
use crate::error::{Error, ErrorKind, Result};
use crate::notify::Notification;
use crate::request::RequestBody;

/// Blocking Antom client. `Send + Sync`, cheap to clone; clones share the connection pool.
/// Do not call it from inside an async runtime: use [`crate::Client`] there.
///
/// ```no_run
/// # fn run(config: antom::Config) -> antom::Result<()> {
/// let client = antom::blocking::Client::new(config)?;
/// let r = client.inquiry_payment(serde_json::json!({"paymentRequestId": "order-1"}))?;
/// assert!(r.verified() || !r.is_success());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: AsyncClient,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner)
            .finish()
    }
}

impl Client {
    /// A blocking client for `config`.
    pub fn new(config: Config) -> Result<Self> {
        Self::with_language(config, "rust")
    }

    /// A blocking client whose User-Agent names the binding using it.
    pub fn with_language(config: Config, language: &str) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("antom-io")
            .enable_all()
            .build()
            .map_err(|e| {
                Error::new(
                    ErrorKind::Transport,
                    format!("cannot start the I/O runtime: {e}"),
                )
            })?;
        // The HTTP client registers with the runtime it is first used in; build it inside ours.
        let inner = {
            let _guard = runtime.enter();
            AsyncClient::with_language(config, language)?
        };
        Ok(Client {
            inner,
            runtime: Arc::new(runtime),
        })
    }

    /// A client for some calls that adds `options` to each (see
    /// [`crate::Client::with_options`]); it shares this one's runtime and connections.
    pub fn with_options(&self, options: &crate::CallOptions) -> Result<Self> {
        Ok(Client {
            inner: self.inner.with_options(options)?,
            runtime: Arc::clone(&self.runtime),
        })
    }

    /// One page of a list endpoint (see [`crate::Client::list_page`]).
    pub fn list_page(
        &self,
        endpoint: &str,
        body: impl Into<RequestBody>,
        after: Option<&str>,
    ) -> Result<crate::Page> {
        self.runtime
            .block_on(self.inner.list_page(endpoint, body, after))
    }

    /// Every object of a list endpoint, a page fetched whenever the one before is used up (see
    /// [`crate::Client::list`]); the first error is the last item.
    ///
    /// ```no_run
    /// # fn f(client: antom::blocking::Client) -> antom::Result<()> {
    /// for hold in client.list("payments.reserve.inquireHoldList", serde_json::json!({})) {
    ///     println!("{}", hold?["holdId"]);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(
        &self,
        endpoint: &str,
        body: impl Into<RequestBody>,
    ) -> impl Iterator<Item = Result<serde_json::Value>> + '_ {
        let mut items = Box::pin(self.inner.list(endpoint, body));
        std::iter::from_fn(move || {
            self.runtime
                .block_on(futures_util::StreamExt::next(&mut items))
        })
    }

    /// Notifications Antom recorded in a time window (see
    /// [`crate::Client::recover_notifications`]).
    pub fn recover_notifications(&self, from: &str, to: &str) -> Result<Vec<crate::Notification>> {
        self.runtime
            .block_on(self.inner.recover_notifications(from, to))
    }

    /// Uploads a product image (see [`crate::Client::upload_product_image`]).
    pub fn upload_product_image(
        &self,
        product_id: &str,
        file_name: &str,
        image: &[u8],
    ) -> Result<Response> {
        self.runtime.block_on(
            self.inner
                .upload_product_image(product_id, file_name, image),
        )
    }

    /// Opens a metering session (see [`crate::Client::create_meter_session`]).
    pub fn create_meter_session(&self, request_id: &str) -> Result<String> {
        self.runtime
            .block_on(self.inner.create_meter_session(request_id))
    }

    /// Sends usage events once (see [`crate::Client::upload_meter_events`]).
    pub fn upload_meter_events(
        &self,
        session_id: &str,
        events: impl Into<RequestBody>,
    ) -> Result<Response> {
        self.runtime
            .block_on(self.inner.upload_meter_events(session_id, events))
    }

    /// The async client inside (sharing this one's pool).
    pub fn async_client(&self) -> &AsyncClient {
        &self.inner
    }

    /// See [`crate::Client::call`].
    pub fn call(&self, endpoint: &str, body: impl Into<RequestBody>) -> Result<Response> {
        let body = body.into();
        self.runtime.block_on(self.inner.call(endpoint, body))
    }

    /// See [`crate::Client::inquire_payment_until_final`].
    pub fn inquire_payment_until_final(
        &self,
        payment_request_id: &str,
        timeout: Duration,
    ) -> Result<Response> {
        self.runtime.block_on(
            self.inner
                .inquire_payment_until_final(payment_request_id, timeout),
        )
    }

    /// See [`crate::Client::verify_notification`].
    pub fn verify_notification<K: AsRef<str>, V: AsRef<str>>(
        &self,
        path: &str,
        headers: impl IntoIterator<Item = (K, V)>,
        raw_body: &[u8],
    ) -> Result<Notification> {
        self.inner.verify_notification(path, headers, raw_body)
    }
}
