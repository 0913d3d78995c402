//! The client every binding wraps: built from [`Options`] once, shared per process and per
//! distinct options (so a PHP app that creates a client per request reuses one connection
//! pool), rebuilt after `fork()` (process.rs).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use antom::{Config, RequestBody, Result};

use crate::options::{Naming, Options};
use crate::process::PerProcess;
use crate::runtime;
use crate::views::{NotificationView, ResponseView};

const CAPACITY: usize = 64;

type Clients = Mutex<HashMap<([u8; 32], &'static str), antom::Client>>;
// Per process: a forked child builds its own clients; the parent's connections and timers
// belong to a runtime whose threads the child does not have, so they are leaked, never dropped.
static CLIENTS: PerProcess<Clients> = PerProcess::new(Mutex::default);

/// What a network method runs.
#[derive(Debug)]
pub enum Op {
    /// `call(endpoint, body, options)`.
    Call(String, RequestBody, antom::CallOptions),
    /// `listPage(endpoint, body, page, options)`: one page and the token of the next.
    ListPage(String, RequestBody, Option<String>, antom::CallOptions),
    /// `inquirePaymentUntilFinal(paymentRequestId, timeout)`.
    UntilFinal(String, Duration),
    /// `uploadMeterEvents(sessionId, events)`: once, unsigned, over HTTP/2.
    MeterEvents(String, RequestBody),
    /// `uploadProductImage(productId, image, fileName)`.
    UploadImage {
        /// The product the image is for.
        product_id: String,
        /// The image's bytes or file.
        image: Image,
        /// The name the form announces; a file's own name when not given.
        file_name: Option<String>,
    },
}

/// A product image as a binding receives it.
#[derive(Debug)]
pub enum Image {
    /// The image itself.
    Bytes(Vec<u8>),
    /// A file to read (its size is checked before it is read).
    Path(std::path::PathBuf),
}

impl Image {
    /// The bytes and the name to announce.
    fn load(self, file_name: Option<String>) -> Result<(Vec<u8>, String)> {
        match self {
            Image::Bytes(b) => Ok((b, file_name.unwrap_or_else(|| "image".into()))),
            Image::Path(p) => {
                let io = |e: std::io::Error| {
                    crate::input(format!("cannot read the image {}: {e}", p.display()))
                };
                let too_big = || {
                    crate::input(format!(
                        "the image is larger than allowed: it must be at most 2 MiB ({} bytes)",
                        antom::MAX_IMAGE_BYTES
                    ))
                };
                let file = std::fs::File::open(&p).map_err(io)?;
                let meta = file.metadata().map_err(io)?;
                if !meta.is_file() {
                    return Err(crate::input("the image path is not a regular file"));
                }
                if meta.len() > antom::MAX_IMAGE_BYTES as u64 {
                    return Err(too_big());
                }
                // Read at most one byte past the limit: a file that grows (or lies about its
                // size) between the check and the read is still refused, never read whole.
                let mut bytes = Vec::new();
                let limit = antom::MAX_IMAGE_BYTES as u64 + 1;
                std::io::Read::read_to_end(&mut std::io::Read::take(file, limit), &mut bytes)
                    .map_err(io)?;
                if bytes.len() > antom::MAX_IMAGE_BYTES {
                    return Err(too_big());
                }
                let name = file_name.unwrap_or_else(|| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "image".into())
                });
                Ok((bytes, name))
            }
        }
    }
}

/// A binding's client.
#[derive(Debug, Clone)]
pub struct Handle {
    config: Config,
    fingerprint: [u8; 32],
    language: &'static str,
}

impl Handle {
    /// Validates `options` (see [`Options::to_config`]) and builds the client once, so a bad
    /// proxy or certificate fails here rather than on the first call.
    pub fn new(options: &Options, language: &'static str) -> Result<Handle> {
        let (config, fingerprint) = options.config_and_fingerprint()?;
        let handle = Handle {
            config,
            fingerprint,
            language,
        };
        handle.client()?;
        Ok(handle)
    }

    /// This process's core client for these options.
    pub fn client(&self) -> Result<antom::Client> {
        let key = (self.fingerprint, self.language);
        let mut map = CLIENTS.get().lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = map.get(&key) {
            return Ok(c.clone());
        }
        let c = antom::Client::with_language(self.config.clone(), self.language)?;
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(key, c.clone());
        Ok(c)
    }

    /// `ClassName(client_id='...', gateway='...')`, never any key.
    pub fn describe(&self, class: &str) -> String {
        format!(
            "{class}(client_id='{}', gateway='{}')",
            self.config.client_id(),
            self.config.base_url()
        )
    }

    /// Runs `op` on the shared runtime and awaits it from any executor.
    pub async fn run(&self, op: Op) -> Result<ResponseView> {
        let client = self.client()?;
        runtime::spawn(async move { execute(client, op).await }).await
    }

    /// Runs `op` on the shared runtime and hands the outcome to `done` there (for event loops
    /// that resolve their own futures, such as asyncio).
    pub fn spawn(
        &self,
        op: Op,
        done: impl FnOnce(Result<ResponseView>) + Send + 'static,
    ) -> Result<()> {
        let client = self.client()?;
        runtime::spawn_then(async move { execute(client, op).await }, done)
    }

    /// Runs `op`, blocking the calling thread.
    pub fn run_blocking(&self, op: Op) -> Result<ResponseView> {
        let client = self.client()?;
        runtime::block_on(execute(client, op))?
    }

    /// The notifications Antom recorded between `from` and `to` (see
    /// `antom::Client::recover_notifications`), awaited from any executor.
    pub async fn recover(&self, from: String, to: String) -> Result<Vec<NotificationView>> {
        let client = self.client()?;
        runtime::spawn(async move { recovered(client, from, to).await }).await
    }

    /// [`Handle::recover`], handing the outcome to `done` on the runtime (asyncio).
    pub fn spawn_recover(
        &self,
        from: String,
        to: String,
        done: impl FnOnce(Result<Vec<NotificationView>>) + Send + 'static,
    ) -> Result<()> {
        let client = self.client()?;
        runtime::spawn_then(async move { recovered(client, from, to).await }, done)
    }

    /// [`Handle::recover`], blocking the calling thread.
    pub fn recover_blocking(&self, from: &str, to: &str) -> Result<Vec<NotificationView>> {
        let client = self.client()?;
        runtime::block_on(recovered(client, from.to_string(), to.to_string()))?
    }

    /// Verifies a notification over its raw bytes, then parses it.
    pub fn verify_notification<K, V>(
        &self,
        path: &str,
        headers: impl IntoIterator<Item = (K, V)>,
        body: &[u8],
    ) -> Result<NotificationView>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        self.client()?
            .verify_notification(path, headers, body)
            .map(NotificationView::from)
    }
}

async fn recovered(
    client: antom::Client,
    from: String,
    to: String,
) -> Result<Vec<NotificationView>> {
    let found = client.recover_notifications(&from, &to).await?;
    Ok(found.into_iter().map(NotificationView::from).collect())
}

async fn execute(client: antom::Client, op: Op) -> Result<ResponseView> {
    let r = match op {
        Op::Call(endpoint, body, options) => {
            client.with_options(&options)?.call(&endpoint, body).await?
        }
        Op::ListPage(endpoint, body, page, options) => {
            let page = client
                .with_options(&options)?
                .list_page(&endpoint, body, page.as_deref())
                .await?;
            return Ok(ResponseView::page(page));
        }
        Op::UntilFinal(id, timeout) => client.inquire_payment_until_final(&id, timeout).await?,
        Op::MeterEvents(session, events) => client.upload_meter_events(&session, events).await?,
        Op::UploadImage {
            product_id,
            image,
            file_name,
        } => {
            let (bytes, name) = image.load(file_name)?;
            client
                .upload_product_image(&product_id, &name, &bytes)
                .await?
        }
    };
    Ok(ResponseView::from(r))
}

/// A polling deadline in seconds: zero is allowed (one inquiry); negative or not a number is
/// refused here, and the core refuses more than a day.
pub fn poll_timeout(naming: Naming, secs: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(secs).map_err(|_| {
        crate::input(format!(
            "{} must be a non-negative number of seconds",
            naming.spell("timeout")
        ))
    })
}
